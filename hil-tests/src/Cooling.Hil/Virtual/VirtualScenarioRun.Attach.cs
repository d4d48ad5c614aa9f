using System.Buffers;
using System.Globalization;
using System.Text;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host;
using Cooling.Hil.Device;
using Cooling.Hil.Runs;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Virtual;

/// <summary>
/// A run on a CDU that is already running and that this program does not start — a device powered up with its HIL
/// jumper (the device target): attach over the broker, bring the CDU to the scenario's starting point with contract v1
/// only (configuration update, operator commands), then play the plant freely on the CDU's own clock.
/// </summary>
public sealed partial class VirtualScenarioRun
{
    private readonly Dictionary<long, (string Status, string Reason)> _results = [];
    private bool _attached;

    private string CduName => _attached ? $"the CDU {_options.SiteId}/{_cduId}" : "the virtual CDU";

    /// <summary>
    /// Runs the scenario on the running CDU of this run's site and id: attaches (each wait bounded by
    /// <paramref name="attachTimeout"/>), then plays the plant freely at the options' time scale (1 for a device).
    /// A configuration the CDU refuses ends the run with <see cref="ConfigurationRefusedException"/>; a CDU that
    /// cannot be attached, with <see cref="DeviceRunException"/>.
    /// </summary>
    public async Task<PlannerRun> RunAttachedAsync(TimeSpan attachTimeout, CancellationToken cancellationToken)
    {
        _attached = true;
        try
        {
            _connection = new MqttConnection(BrokerConnectionOptions.Parse(_options.BrokerUrl),
                new MqttSessionOptions { ClientId = $"hil-rig-{_options.SiteId}-{_cduId}", Subscriptions = [.. Subscriptions, _topics.ConfigurationAcknowledgement] });
            _connection.MessageReceived += (topic, payload) => _inbox.Add((topic, payload.ToArray()));
            _wall.Start();
            try
            {
                await _connection.StartAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new DeviceRunException($"the broker {_options.BrokerUrl} did not accept a connection within 10 s");
            }

            try
            {
                return await Task.Factory.StartNew(() => PlayAttached(attachTimeout, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            finally
            {
                await _connection.StopAsync(TimeSpan.FromSeconds(2));
                await DisposeAsync();
            }
        }
        finally
        {
            Plant.Dispose();
        }
    }

    /// <summary>The run of a scenario that ended before it started (its KPI windows empty, the reason in its log).</summary>
    public PlannerRun Unstarted(string reason)
    {
        _log.Add(reason);
        return new PlannerRun(Supervisor?.PlannerName ?? Supervision.PlannerNames.None, _windows, [], [], [], _log);
    }

    private PlannerRun PlayAttached(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var totalSteps = Prepare();
        var scale = _options.TimeScale ?? 1;
        Attach(scale, timeout, cancellationToken);
        RunFree(null, scale, totalSteps, cancellationToken);
        return Finish();
    }

    // Brings the running CDU to the scenario's start: the plant at rest in its scans, the scenario's configuration
    // (every parameter, so nothing of an earlier scenario stays), a supervisor's lease released, manual holds and an
    // auto-tune ended, latched trips reset through a shutdown, and a start: the CDU then runs its start-up sequence as a
    // freshly started one does.
    private void Attach(double scale, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var cadence = (int)Math.Max(2, 100 / scale);
        var seconds = timeout.TotalSeconds.ToString("G4", CultureInfo.InvariantCulture);
        WaitFor(() => View.TelemetryMessages > 0, timeout, cadence, () =>
            $"{CduName} published no telemetry on {_options.BrokerUrl} within {seconds} s: check that it is powered up (with its HIL jumper), connected to this broker, and that --site and --cdu name it ({_topics.Telemetry})", cancellationToken);
        _log.Add(string.Create(CultureInfo.InvariantCulture,
            $"attached to {CduName}: mode {View.Mode}, last accepted request seq {View.LastRequestSequence}, {View.RejectedMessages} messages refused since its start"));
        Supervisor?.ContinueAbove(View.LastRequestSequence);

        // Sequence numbers of commands and configuration updates rise across runs, as the supervisor's do: from the Unix time in ms.
        _commandSequence = Math.Max(_commandSequence, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var update = ConfigurationUpdate(++_commandSequence);
        _connection!.Publish(_topics.ConfigurationSet, update, update.Length, 1, false);
        var (status, reason) = WaitForResult(_commandSequence, "configuration update", timeout, cadence, cancellationToken);
        if (status != "applied") throw new ConfigurationRefusedException($"{CduName} refused the scenario's configuration: {reason}");
        _log.Add(string.Create(CultureInfo.InvariantCulture, $"configuration applied: all {ParameterTable.Count} parameters ({Changed()})"));

        // A lease from an earlier scenario or supervisor given back (the scenario starts on local setpoints, as a freshly
        // started CDU does), manual holds and an auto-tune ended, then the shutdown that the reset and start follow.
        var leased = View.LastRequestSequence;
        foreach (var command in new[] { "\"command\":\"releaseLease\"", "\"command\":\"automatic\",\"actuator\":\"valve\"", "\"command\":\"automatic\",\"actuator\":\"pumps\"", "\"command\":\"abortAutotune\"", "\"command\":\"shutdown\"" })
        {
            Command(command, timeout, cadence, cancellationToken);
        }

        if (leased > 0) _log.Add(string.Create(CultureInfo.InvariantCulture, $"lease released (the CDU had accepted requests up to seq {leased})"));

        WaitFor(() => View.Mode == "shutdown", timeout, cadence, () => $"{CduName} did not report mode shutdown within {seconds} s of the shutdown command (mode {View.Mode})", cancellationToken);
        // Reset and start; again (up to three times in the attach timeout) while the CDU stays in shutdown, since a
        // trip may latch anew in between (a network or machine held up for a second leaves it without a scan).
        for (var attempt = 1; ; attempt++)
        {
            Command("\"command\":\"reset\"", timeout, cadence, cancellationToken);
            Command("\"command\":\"start\"", timeout, cadence, cancellationToken);
            try
            {
                WaitFor(() => View.Mode == "startup", timeout / 3, cadence, () =>
                    $"{CduName} did not report mode startup within {seconds} s of the reset and start commands, sent three times (mode {View.Mode}): a trip whose cause is still there keeps it in shutdown ({(View.SensorStatus.Length == 0 ? "no sensor faults" : "sensors failing: " + View.SensorStatus)})", cancellationToken);
                break;
            }
            catch (DeviceRunException) when (attempt < 3)
            {
                _log.Add($"{CduName} still in mode {View.Mode} after reset and start: sent again");
            }
        }

        _log.Add($"{CduName} reset and started: mode startup");
    }

    private void Command(string members, TimeSpan timeout, int cadence, CancellationToken cancellationToken)
    {
        var sequence = ++_commandSequence;
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":{{sequence}},{{members}}}"""));
        _connection!.Publish(_topics.Command, payload, payload.Length, 1, false);
        var (status, reason) = WaitForResult(sequence, "command " + members, timeout, cadence, cancellationToken);
        if (status != "applied") throw new DeviceRunException($"{CduName} refused the command {{{members}}}: {reason}");
    }

    private (string Status, string Reason) WaitForResult(long sequence, string what, TimeSpan timeout, int cadence, CancellationToken cancellationToken)
    {
        WaitFor(() => _results.ContainsKey(sequence), timeout, cadence, () =>
            $"{CduName} did not acknowledge the {what} (seq {sequence}) within {timeout.TotalSeconds.ToString("G4", CultureInfo.InvariantCulture)} s", cancellationToken);
        return _results[sequence];
    }

    // Scans of the plant at rest go out meanwhile, often enough that the CDU never finds them stale.
    private void WaitFor(Func<bool> done, TimeSpan timeout, int cadence, Func<string> failure, CancellationToken cancellationToken)
    {
        var deadline = _wall.Elapsed + timeout;
        var nextScan = TimeSpan.Zero;
        while (!done())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_wall.Elapsed > deadline) throw new DeviceRunException(failure());
            if (_wall.Elapsed >= nextScan)
            {
                PublishScan();
                nextScan = _wall.Elapsed + TimeSpan.FromMilliseconds(cadence);
            }

            if (_inbox.TryTake(out var message, cadence, cancellationToken)) HandleAttaching(message.Topic, message.Payload);
        }
    }

    // While attaching the plant stays at rest: actuator messages are not applied (the first one after the start is plant time 0).
    private void HandleAttaching(string topic, byte[] payload)
    {
        if (topic == _hil.Actuators) return;
        if (topic == _topics.CommandAcknowledgement || topic == _topics.ConfigurationAcknowledgement)
        {
            if (CduView.ReadResult(payload) is { } result) _results[result.Sequence] = (result.Status, result.Reason);
            return;
        }

        Handle(topic, payload, 0);
    }

    // {"v":1,"seq":N,"<parameter>":value,…} with every parameter: the scenario's values, the defaults elsewhere.
    private byte[] ConfigurationUpdate(long sequence)
    {
        var text = new StringBuilder(4096).Append(CultureInfo.InvariantCulture, $"{{\"v\":1,\"seq\":{sequence}");
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $",\"{ParameterTable.Get(i).Name}\":{Settings.Get(i):R}");
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    private string Changed()
    {
        var changed = new List<string>();
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            var definition = ParameterTable.Get(i);
            if (Settings.Get(i) != definition.DefaultValue) changed.Add(string.Create(CultureInfo.InvariantCulture, $"{definition.Name} {Settings.Get(i):R}"));
        }

        return changed.Count == 0 ? "the defaults" : "the defaults but " + string.Join(", ", changed);
    }
}
