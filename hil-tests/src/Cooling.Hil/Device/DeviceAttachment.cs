using System.Globalization;
using System.Text;
using Cdu.Firmware.Config;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Device;

/// <summary>
/// Brings a running CDU that this program did not start to a scenario's start with contract v1 only: the plant at rest
/// in its scans, the scenario's configuration (every parameter, so nothing of an earlier scenario stays), a
/// supervisor's lease released, manual holds and an auto-tune ended, latched trips reset through a shutdown, and a
/// start: the CDU then runs its start-up sequence as a freshly started one does. Each wait is bounded by the attach
/// timeout, on the clock the pacing keeps (<see cref="IAttachPacing"/>).
/// </summary>
public sealed class DeviceAttachment(RigScenario run, RigLink link, IAttachPacing pacing, string cduName, string brokerUrl)
{
    private readonly Dictionary<long, (string Status, string Reason)> _results = [];
    private readonly CduMessageHandler _messages = new(run);

    /// <summary>
    /// Attaches; a configuration the CDU refuses throws <see cref="ConfigurationRefusedException"/>, a CDU that does not
    /// answer or refuses a command <see cref="DeviceRunException"/>.
    /// </summary>
    public void Attach(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var view = run.View;
        var topics = run.Topics;
        var seconds = timeout.TotalSeconds.ToString("G4", CultureInfo.InvariantCulture);
        WaitFor(() => view.TelemetryMessages > 0, timeout, () =>
            $"{cduName} published no telemetry on {brokerUrl} within {seconds} s: check that it is powered up (with its HIL jumper), connected to this broker, and that --site and --cdu name it ({topics.Telemetry})", cancellationToken);
        run.Recorder.Log(string.Create(CultureInfo.InvariantCulture,
            $"attached to {cduName}: mode {view.Mode}, last accepted request seq {view.LastRequestSequence}, {view.RejectedMessages} messages refused since its start"));
        run.Supervisor?.ContinueAbove(view.RequestEpoch, view.LastRequestSequence);

        // Sequence numbers of commands and configuration updates rise across runs, as the supervisor's do: from the Unix time in ms.
        run.Commands.ContinueAbove(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var sequence = run.Commands.NextSequence();
        link.Publish(topics.ConfigurationSet, ConfigurationUpdate(sequence));
        var (status, reason) = WaitForResult(sequence, "configuration update", timeout, cancellationToken);
        if (status != "applied") throw new ConfigurationRefusedException($"{cduName} refused the scenario's configuration: {reason}");
        run.Recorder.Log($"configuration applied: all {ParameterTable.Count} parameters ({Changed()})");

        // A lease from an earlier scenario or supervisor given back (the scenario starts on local setpoints, as a freshly
        // started CDU does), manual holds and an auto-tune ended, then the shutdown that the reset and start follow.
        var leased = view.LastRequestSequence;
        foreach (var command in new[] { "\"command\":\"releaseLease\"", "\"command\":\"automatic\",\"actuator\":\"valve\"", "\"command\":\"automatic\",\"actuator\":\"pumps\"", "\"command\":\"abortAutotune\"", "\"command\":\"shutdown\"" })
        {
            Command(command, timeout, cancellationToken);
        }

        if (leased > 0) run.Recorder.Log(string.Create(CultureInfo.InvariantCulture, $"lease released (the CDU had accepted requests up to seq {leased})"));

        WaitFor(() => view.Mode == "shutdown", timeout, () => $"{cduName} did not report mode shutdown within {seconds} s of the shutdown command (mode {view.Mode})", cancellationToken);
        // Reset and start; again (up to three times in the attach timeout) while the CDU stays in shutdown, since a
        // trip may latch anew in between (a network or machine held up for a second leaves it without a scan).
        for (var attempt = 1; ; attempt++)
        {
            Command("\"command\":\"reset\"", timeout, cancellationToken);
            Command("\"command\":\"start\"", timeout, cancellationToken);
            try
            {
                WaitFor(() => view.Mode == "startup", timeout / 3, () =>
                    $"{cduName} did not report mode startup within {seconds} s of the reset and start commands, sent three times (mode {view.Mode}): a trip whose cause is still there keeps it in shutdown ({(view.SensorStatus.Length == 0 ? "no sensor faults" : "sensors failing: " + view.SensorStatus)})", cancellationToken);
                break;
            }
            catch (DeviceRunException) when (attempt < 3)
            {
                run.Recorder.Log($"{cduName} still in mode {view.Mode} after reset and start: sent again");
            }
        }

        run.Recorder.Log($"{cduName} reset and started: mode startup");
    }

    private void Command(string members, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sequence = run.Commands.Send(members);
        var (status, reason) = WaitForResult(sequence, "command " + members, timeout, cancellationToken);
        if (status != "applied") throw new DeviceRunException($"{cduName} refused the command {{{members}}}: {reason}");
    }

    private (string Status, string Reason) WaitForResult(long sequence, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        WaitFor(() => _results.ContainsKey(sequence), timeout, () =>
            $"{cduName} did not acknowledge the {what} (seq {sequence}) within {timeout.TotalSeconds.ToString("G4", CultureInfo.InvariantCulture)} s", cancellationToken);
        return _results[sequence];
    }

    private void WaitFor(Func<bool> done, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken) =>
        pacing.WaitFor(done, timeout, failure, Handle, cancellationToken);

    // While attaching the plant stays at rest (the pacing takes the actuator messages).
    private void Handle(string topic, byte[] payload)
    {
        if (topic == run.Topics.CommandAcknowledgement || topic == run.Topics.ConfigurationAcknowledgement)
        {
            if (CduView.ReadResult(payload) is { } result) _results[result.Sequence] = (result.Status, result.Reason);
            return;
        }

        _messages.Handle(topic, payload);
    }

    // {"v":1,"seq":N,"<parameter>":value,…} with every parameter: the scenario's values, the defaults elsewhere.
    private byte[] ConfigurationUpdate(long sequence)
    {
        var settings = run.Settings;
        var text = new StringBuilder(4096).Append(CultureInfo.InvariantCulture, $"{{\"v\":1,\"seq\":{sequence}");
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $",\"{ParameterTable.Get(i).Name}\":{settings.Get(i):R}");
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    private string Changed()
    {
        var settings = run.Settings;
        var changed = new List<string>();
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            var definition = ParameterTable.Get(i);
            if (settings.Get(i) != definition.DefaultValue) changed.Add(string.Create(CultureInfo.InvariantCulture, $"{definition.Name} {settings.Get(i):R}"));
        }

        return changed.Count == 0 ? "the defaults" : "the defaults but " + string.Join(", ", changed);
    }
}
