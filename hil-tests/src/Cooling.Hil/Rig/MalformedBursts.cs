using Cdu.Firmware.Messages;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;

namespace Cooling.Hil.Rig;

/// <summary>
/// The scenario's <c>malformedBurst</c> faults: from each fault's time on, four bad messages per control period on its
/// topic until its count is sent (deterministic for the seed, <see cref="MalformedMessages"/>).
/// </summary>
public sealed class MalformedBursts
{
    private readonly MalformedMessages _messages;
    private readonly List<(FaultSpec Fault, int Left)> _bursts;

    public MalformedBursts(Scenario scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _messages = new MalformedMessages(seed);
        _bursts = scenario.Faults.Where(f => f.Kind == "malformedBurst").Select(f => (Fault: f, Left: f.Count)).ToList();
    }

    /// <summary>Sends what is due at scenario time <paramref name="seconds"/> through <paramref name="send"/> (topic, payload).</summary>
    public void Send(double seconds, CduTopics topics, long sequenceHint, Action<string, byte[]> send)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(send);
        for (var b = 0; b < _bursts.Count; b++)
        {
            var (fault, left) = _bursts[b];
            if (left <= 0 || seconds < fault.AtSeconds) continue;
            for (var i = 0; i < 4 && left > 0; i++, left--) send(Topic(topics, fault.Topic), _messages.Next(sequenceHint));
            _bursts[b] = (fault, left);
        }
    }

    private static string Topic(CduTopics topics, string? name) => name switch
    {
        "command" => topics.Command,
        "config" => topics.ConfigurationSet,
        _ => topics.SetpointRequest,
    };
}
