using System.Globalization;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host.Gpio;
using Cdu.Firmware.Host.Hil;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Mqtt;
using Cdu.Firmware.Platform;
using Cooling.Mqtt.Connection;
using Cooling.Mqtt.Topics;
using Microsoft.Extensions.Logging;

namespace Cdu.Firmware.Host;

/// <summary>Where the virtual CDU's plant is.</summary>
internal enum IoKind
{
    /// <summary>A HIL rig or the twin over MQTT (docs/hil-io.md).</summary>
    Hil = 0,

    /// <summary>A Linux GPIO chip: digital I/O only.</summary>
    Gpio = 1,
}

/// <summary>The options of one virtual CDU run (the command line, validated by <see cref="VirtualCduRunner"/>).</summary>
internal sealed class VirtualCduOptions
{
    public string BrokerUrl { get; init; } = "mqtt://127.0.0.1:1883";

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>CDU_BROKER_PASSWORD: used when neither --password nor the URL gives one.</summary>
    public string? EnvironmentPassword { get; init; }

    public string SiteId { get; init; } = "";

    public string CduId { get; init; } = "";

    public string? ConfigurationFile { get; init; }

    public string? StateDirectory { get; init; }

    public IoKind Io { get; init; } = IoKind.Hil;

    public string? PinMapFile { get; init; }

    /// <summary>--clock hil: the clock follows the plant time of the rig's scans (lockstep); null: the clock given to the runner.</summary>
    public HilPlantClock? PlantClock { get; init; }
}

/// <summary>
/// Runs one virtual CDU until cancelled: the control cycle on a <see cref="PeriodicTimer"/> at
/// <c>cycle.periodMilliseconds</c> (following a configuration change), the watchdog check on a second timer every
/// 100 ms, every wait on the given <see cref="TimeProvider"/>. A stop publishes the retained offline state, flushes
/// and disconnects, and releases the outputs.
/// </summary>
internal static class VirtualCduRunner
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Free-running HIL: the first control cycle waits at most this long (CDU time) for the rig's first sensor scan, as a
    /// board's first cycle follows its first scan of the wiring. Without a scan by then the CDU controls on missing readings
    /// and latches its safe state (docs/hil-io.md).
    /// </summary>
    internal static readonly TimeSpan FirstScanWait = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(VirtualCduOptions options, TimeProvider time, TextWriter output, TextWriter error, CancellationToken stop)
    {
        using var logs = new TextWriterLoggerProvider(error, time);
        var log = logs.CreateLogger("cdu");
        var problem = Validate(options, out var broker);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            return ExitUsage;
        }

        IPersistentStorage? storage = null;
        if (options.StateDirectory is not null)
        {
            try
            {
                storage = new FileStorage(options.StateDirectory, logs.CreateLogger("storage"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"--state-dir: cannot use '{options.StateDirectory}': {ex.Message}");
                return ExitUsage;
            }
        }

        long importedRevision = -1;
        if (options.ConfigurationFile is not null)
        {
            storage ??= new VolatileStorage();
            var reason = ImportConfiguration(storage, options.ConfigurationFile, out importedRevision);
            if (reason is not null)
            {
                await error.WriteLineAsync($"--config: '{options.ConfigurationFile}' was refused: {reason}");
                return ExitUsage;
            }
        }

        HilTopicIo? hil = null;
        GpioIo? gpio = null;
        ICduIo io;
        if (options.Io == IoKind.Gpio)
        {
            GpioPinMap map;
            try
            {
                map = GpioPinMap.Load(options.PinMapFile!);
            }
            catch (PinMapException ex)
            {
                await error.WriteLineAsync($"--pins: '{options.PinMapFile}': {ex.Message}");
                return ExitUsage;
            }

            try
            {
                gpio = GpioIo.Open(map, logs.CreateLogger("gpio"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException or ArgumentException or DllNotFoundException)
            {
                await error.WriteLineAsync($"--io gpio: the GPIO chip {map.GpioChip.ToString(CultureInfo.InvariantCulture)} cannot be opened: {ex.Message}");
                return ExitFailed;
            }

            io = gpio;
        }
        else
        {
            hil = new HilTopicIo(new HilTopics(options.SiteId, options.CduId), time, logger: logs.CreateLogger("hil"));
            io = hil;
        }

        try
        {
            var settings = new CduSettings();
            var clock = new TimeProviderClock(time);
            string[]? extra = hil is null ? null : [hil.Topics.Sensors];
            // The broker link paces itself (reconnection backoff, flush deadline) on wall time when the clock is the rig's:
            // that clock stands still whenever the rig does.
            var linkTime = options.PlantClock is null ? time : TimeProvider.System;
            await using var cdu = new VirtualCdu(settings, clock, io, broker, options.SiteId, options.CduId, storage, extra, logs.CreateLogger("mqtt"), linkTime);
            if (hil is not null)
            {
                // Actuator commands are only worth sending live: none are queued while the broker is away.
                hil.ActuatorBus = new LiveOnlyBus(cdu.Bus, cdu.Connection);
                cdu.OtherMessageReceived += (topic, payload) =>
                {
                    if (topic == hil.Topics.Sensors && hil.Accept(payload, out var plantMilliseconds))
                    {
                        options.PlantClock?.Follow(plantMilliseconds);
                    }
                };
            }

            await output.WriteLineAsync(Describe(options, cdu, hil, importedRevision, time));
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await cdu.StartAsync(TimeSpan.FromSeconds(5), stop);
            }
            catch (TimeoutException)
            {
                log.LogWarning("Broker {Broker} not reachable yet: the CDU controls without it and keeps reconnecting", broker);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }

            if (hil is not null && options.PlantClock is null)
            {
                await WaitForFirstScanAsync(hil, time, log, stop);
            }

            using var loops = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var watchdog = RunWatchdogAsync(cdu.Controller, time, log, loops.Token);
            var cyclesTask = RunCyclesAsync(cdu, time, log, loops.Token); // its timer exists once this returns
            if (options.PlantClock is { } plantClock)
            {
                plantClock.Start();
                await output.WriteLineAsync(HilPlantClock.WaitingLine);
                await output.FlushAsync(CancellationToken.None);
            }

            var cycles = await cyclesTask;
            await loops.CancelAsync();
            await watchdog;

            await cdu.StopAsync(TimeSpan.FromSeconds(3));
            gpio?.Dispose();
            var hilSummary = hil is null ? "" : string.Create(CultureInfo.InvariantCulture, $", HIL sensor messages {hil.AcceptedMessages} accepted / {hil.RejectedMessages} rejected");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Stopped: {cycles} control cycles, mode {FirmwareInfo.ModeName(cdu.Controller.Mode)}, {cdu.Connection.PublishedMessages} messages published ({cdu.Connection.DroppedMessages} dropped), {cdu.Controller.RejectedMessages} refused{hilSummary}; retained state: offline."));
            await output.FlushAsync(CancellationToken.None);
            return ExitOk;
        }
        finally
        {
            gpio?.Dispose();
        }
    }

    /// <summary>Checks the options; returns null and the broker address when they are usable, else the problem (for stderr).</summary>
    internal static string? Validate(VirtualCduOptions options, out BrokerConnectionOptions broker)
    {
        broker = new BrokerConnectionOptions();
        if (!CduTopics.IsValidId(options.SiteId))
        {
            return $"--site: '{options.SiteId}' is not a site id: use 1-32 characters of a-z, 0-9, - or _.";
        }

        if (!CduTopics.IsValidId(options.CduId))
        {
            return $"--cdu: '{options.CduId}' is not a CDU id: use 1-32 characters of a-z, 0-9, - or _.";
        }

        try
        {
            var parsed = BrokerAddress.Parse(options.BrokerUrl);
            broker = new BrokerConnectionOptions
            {
                Url = options.BrokerUrl,
                UserName = options.UserName ?? parsed.UserName,
                Password = options.Password ?? parsed.Password ?? options.EnvironmentPassword,
            };
        }
        catch (FormatException ex)
        {
            return $"--broker: {ex.Message}";
        }

        if (options.Io == IoKind.Gpio && options.PinMapFile is null)
        {
            return "--pins: --io gpio needs a pin map (--pins file.json; see docs/technician-guide.md).";
        }

        if (options.Io == IoKind.Hil && options.PinMapFile is not null)
        {
            return "--pins: only used with --io gpio.";
        }

        if (options.PlantClock is not null && options.Io != IoKind.Hil)
        {
            return "--clock: hil needs --io hil (the clock follows the rig's sensor scans).";
        }

        if (options.ConfigurationFile is not null && !File.Exists(options.ConfigurationFile))
        {
            return $"--config: '{options.ConfigurationFile}' does not exist.";
        }

        return null;
    }

    /// <summary>
    /// Imports a configuration document into <paramref name="storage"/> the way a …/config/set message would: validated
    /// as a whole (format, CRC if present, every parameter and every rule between them), then stored with the revision
    /// counted up. Returns null when stored (and the revision), else the reason.
    /// </summary>
    internal static string? ImportConfiguration(IPersistentStorage storage, string path, out long revision)
    {
        revision = -1;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }

        if (bytes.Length > ConfigurationStore.DocumentCapacityBytes)
        {
            return $"larger than {ConfigurationStore.DocumentCapacityBytes} bytes";
        }

        var store = new ConfigurationStore(storage);
        var settings = new CduSettings();
        store.Load(settings);
        var reason = store.Apply(bytes, bytes.Length, settings, out _);
        revision = store.Revision;
        return reason;
    }

    private static async Task WaitForFirstScanAsync(HilTopicIo hil, TimeProvider time, ILogger log, CancellationToken stop)
    {
        if (hil.FirstScan.IsCompleted)
        {
            return;
        }

        log.LogInformation("Waiting up to {Seconds} s for the rig's first sensor scan on {Topic}", FirstScanWait.TotalSeconds, hil.Topics.Sensors);
        try
        {
            await hil.FirstScan.WaitAsync(FirstScanWait, time, stop);
        }
        catch (TimeoutException)
        {
            log.LogWarning("No sensor scan from the rig within {Seconds} s: controlling on missing readings (safe state)", FirstScanWait.TotalSeconds);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<long> RunCyclesAsync(VirtualCdu cdu, TimeProvider time, ILogger log, CancellationToken stop)
    {
        var periodMilliseconds = cdu.Controller.Settings.Timing.ControlPeriodMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(periodMilliseconds), time);
        long cycles = 0;
        long failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    cdu.RunCycle();
                    cycles++;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A cycle that throws did not complete: the watchdog sees no completed cycle and drives the safe outputs.
                    failures++;
                    if (failures == 1 || failures % 100 == 0)
                    {
                        log.LogError(ex, "Control cycle failed ({Failures} so far)", failures);
                    }
                }

                var wanted = cdu.Controller.Settings.Timing.ControlPeriodMilliseconds;
                if (wanted != periodMilliseconds && wanted > 0)
                {
                    periodMilliseconds = wanted;
                    timer.Period = TimeSpan.FromMilliseconds(wanted);
                    log.LogInformation("Control period is now {Period} ms", wanted);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return cycles;
    }

    private static async Task RunWatchdogAsync(CduController controller, TimeProvider time, ILogger log, CancellationToken stop)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(WatchdogPeriod, time);
        var tripped = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = controller.WatchdogCheck();
                if (now && !tripped)
                {
                    log.LogError("Watchdog: no control cycle completed for {Seconds} s: safe outputs driven", controller.Settings.Timing.WatchdogHangSeconds);
                }

                tripped = now;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static string Describe(VirtualCduOptions options, VirtualCdu cdu, HilTopicIo? hil, long importedRevision, TimeProvider time)
    {
        var c = cdu.Controller;
        var configuration = importedRevision >= 0
            ? $"imported from {options.ConfigurationFile} (revision {importedRevision})"
            : c.ConfigurationLoaded
                ? (options.StateDirectory is null ? "defaults (nothing stored: no --state-dir)" : $"stored revision {c.Configuration.Revision}")
                : $"defaults ({c.Configuration.LoadError}; ConfigurationDefaultsLoaded raised)";
        var io = hil is null
            ? $"gpio (pin map {options.PinMapFile}; analog inputs missing)"
            : $"hil (sensors on {hil.Topics.Sensors}, actuators on {hil.Topics.Actuators})";
        var clock = time is ScaledTimeProvider scaled ? string.Create(CultureInfo.InvariantCulture, $" of its clock, which runs {scaled.Scale:G4}x as fast as the wall clock")
            : options.PlantClock is not null ? " of its clock, which follows the plant time of the rig's scans (lockstep)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Virtual CDU {options.SiteId}/{options.CduId}, firmware {FirmwareInfo.Version}, broker {cdu.Connection.Broker}, client {cdu.Connection.ClientId}\n  I/O: {io}\n  configuration: {configuration}; state: {options.StateDirectory ?? "not kept"}\n  control cycle every {c.Settings.Timing.ControlPeriodMilliseconds} ms, watchdog every {WatchdogPeriod.TotalMilliseconds} ms{clock}. Ctrl+C stops.");
    }

    /// <summary>Publishes through <c>bus</c> only while the connection is up (HIL actuators: a stale command is worse than none).</summary>
    private sealed class LiveOnlyBus(IMessageBus bus, MqttConnection connection) : IMessageBus
    {
        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
        {
            if (connection.IsConnected)
            {
                bus.Publish(topic, payload, length, qualityOfService, retain);
            }
        }
    }
}
