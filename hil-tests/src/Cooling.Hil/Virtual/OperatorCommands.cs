using System.Globalization;
using System.Text;
using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Virtual;

/// <summary>
/// Commands to the CDU (<c>…/command</c>, contract v1) with rising sequence numbers, and the bumpless-transfer
/// measurement of an <c>automatic</c> command: the valve command before it, armed when its acknowledgement arrives.
/// </summary>
public sealed class OperatorCommands(string topic, Action<string, byte[]> publish)
{
    private long _sequence;
    private long _bumpCommand = -1;
    private double _bumpBefore = double.NaN;
    private bool _bumpArmed;

    /// <summary>The sequence number of the last command sent.</summary>
    public long LastSequence => _sequence;

    /// <summary>Later commands go above <paramref name="sequence"/>.</summary>
    public void ContinueAbove(long sequence) => _sequence = Math.Max(_sequence, sequence);

    /// <summary>Takes the next sequence number for a message sent otherwise (a configuration update).</summary>
    public long NextSequence() => ++_sequence;

    /// <summary>Sends <c>{"v":1,"seq":N,<paramref name="members"/>}</c>; returns N.</summary>
    public long Send(string members)
    {
        var sequence = NextSequence();
        publish(topic, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":{{sequence}},{{members}}}""")));
        return sequence;
    }

    /// <summary>Sends a scenario's operator command (<c>reset</c>, <c>manual</c>, <c>automatic</c>); <paramref name="valveCommandPercent"/> is the valve command in force.</summary>
    public void Send(OperatorActionSpec o, double valveCommandPercent)
    {
        ArgumentNullException.ThrowIfNull(o);
        var members = o.Command switch
        {
            "manual" => string.Create(CultureInfo.InvariantCulture, $"\"command\":\"manual\",\"actuator\":\"{o.Actuator}\",\"valuePercent\":{o.ValuePercent}"),
            "automatic" => $"\"command\":\"automatic\",\"actuator\":\"{o.Actuator}\"",
            _ => $"\"command\":\"{o.Command}\"",
        };
        if (o.Command == "automatic")
        {
            // The bump: the valve command of the first cycle that ran the command against the one before it.
            _bumpCommand = _sequence + 1;
            _bumpBefore = valveCommandPercent;
        }

        Send(members);
    }

    /// <summary>The CDU acknowledged command <paramref name="sequence"/>.</summary>
    public void Acknowledged(long sequence)
    {
        if (sequence == _bumpCommand) _bumpArmed = true;
    }

    /// <summary>
    /// True once, when the <c>automatic</c> command was acknowledged (before the actuator message of the cycle that ran
    /// it), with the valve command before it.
    /// </summary>
    public bool TakeArmedBump(out double valveBeforePercent)
    {
        valveBeforePercent = _bumpBefore;
        if (!_bumpArmed) return false;
        _bumpArmed = false;
        _bumpCommand = -1;
        return true;
    }
}
