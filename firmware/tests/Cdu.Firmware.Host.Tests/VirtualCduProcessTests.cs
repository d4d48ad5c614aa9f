using System.Globalization;
using System.Text.Json;
using Cdu.Firmware.Host.Tests.Support;
using Cooling.Testing;

namespace Cdu.Firmware.Host.Tests;

/// <summary>
/// The virtual CDU as a real process on a real mosquitto, played by a test rig over the HIL topics — the way a
/// technician or the HIL bench runs it.
/// </summary>
public sealed class VirtualCduProcessTests
{
    private const string Root = "cooling/v1/t1/cdu/cdu1/";

    [Fact]
    public async Task The_virtual_CDU_runs_on_mosquitto_under_a_rig_goes_safe_when_the_rig_falls_silent_and_stops_cleanly_on_SIGINT()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var folder = new TempFolder();
        var configuration = folder.File("cdu1-config.json");
        await File.WriteAllTextAsync(configuration, VirtualCduRunnerTests.ExportedDocument(fallback: 30.5));
        await using var rig = await RigClient.ConnectAsync(broker.Port, "rig", Root + "#");
        using var cdu = VirtualCduProcess.Start("--broker", broker.Url, "--site", "t1", "--cdu", "cdu1", "--io", "hil",
            "--state-dir", folder.File("state"), "--config", configuration);
        using var silence = new CancellationTokenSource();
        var plant = PlayPlantAsync(rig, silence.Token);
        try
        {
            // Birth (retained), telemetry, and the control cycle running the pumps under the rig's plant.
            await rig.WaitForAsync(Root + "state", m => m.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(20), what: "online");
            await rig.WaitForAsync(Root + "telemetry", m => m.GetProperty("seq").GetInt64() >= 1, TimeSpan.FromSeconds(5));
            await rig.WaitForAsync(Root + "hil/actuators", m => m.GetProperty("sensorsFresh").GetBoolean() && m.GetProperty("pumpRun")[0].GetBoolean(),
                TimeSpan.FromSeconds(5), what: "with pump 1 running on fresh sensors");

            // Actuator messages keep coming, one per control cycle, in order (their rate is the firmware's cycle, not asserted on wall time).
            var from = rig.Now;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            List<Received> actuators;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
                actuators = rig.Messages.Where(m => m.Topic == Root + "hil/actuators" && m.At >= from).ToList();
            }
            while (actuators.Count < 18 && waited.Elapsed < TimeSpan.FromSeconds(20));

            Assert.True(actuators.Count >= 18, $"{actuators.Count} actuator messages in {waited.Elapsed.TotalSeconds:F1} s");
            Assert.True(actuators.Select(m => m.Json.GetProperty("seq").GetInt64()).Zip(actuators.Skip(1).Select(m => m.Json.GetProperty("seq").GetInt64())).All(p => p.Second > p.First));

            // A setpoint request is acknowledged; the imported configuration is in force.
            await rig.PublishAsync(Root + "setpoint/request", """{"v":1,"epoch":1764000011234,"seq":1,"issuedAtUnixMilliseconds":1764000011234,"leaseSeconds":30,"supplyTemperatureCelsius":31.0}""", qos: 1);
            var ack = await rig.WaitForAsync(Root + "setpoint/ack", m => m.GetProperty("seq").GetInt64() == 1 && m.GetProperty("epoch").GetInt64() == 1764000011234, TimeSpan.FromSeconds(5));
            Assert.Contains(ack.Json.GetProperty("status").GetString(), new[] { "accepted", "clamped" });
            await rig.PublishAsync(Root + "config/get", """{"v":1}""", qos: 1);
            var document = await rig.WaitForAsync(Root + "config/document", _ => true, TimeSpan.FromSeconds(5));
            Assert.Equal(30.5, document.Json.GetProperty("supply.fallbackSetpointCelsius").GetDouble());
            Assert.True(document.Json.GetProperty("revision").GetInt64() >= 1);

            // The rig falls silent: the sensors go stale after 1 s without a scan and the CDU goes to its safe state. This
            // is the host's one wall-clock smoke test (a CDU running free judges staleness on the wall clock): the bound
            // is generous, so a held-up machine cannot flip it (docs/certification-guide.md, "Tests and the wall clock").
            await silence.CancelAsync();
            await plant;
            var silentAt = rig.Now;
            var safe = await rig.WaitForAsync(Root + "hil/actuators",
                m => !m.GetProperty("sensorsFresh").GetBoolean() && m.GetProperty("pumpRun").EnumerateArray().All(r => !r.GetBoolean())
                     && !m.GetProperty("isolationValvesOpen").GetBoolean() && m.GetProperty("alarmRelay").GetBoolean(),
                TimeSpan.FromSeconds(15), since: silentAt, what: "in the safe state (pumps stopped, isolation closed, alarm relay)");
            Assert.True(safe.At - silentAt <= TimeSpan.FromSeconds(10), $"safe after {(safe.At - silentAt).TotalSeconds:F2} s");
            var telemetry = await rig.WaitForAsync(Root + "telemetry",
                m => m.GetProperty("mode").GetString() == "shutdown" && m.GetProperty("sensorFaults").GetArrayLength() > 0,
                TimeSpan.FromSeconds(15), since: silentAt, what: "in shutdown with sensor faults");
            Assert.True(telemetry.Json.GetProperty("supplyTemperatureCelsius").ValueKind == JsonValueKind.Null);

            // Ctrl+C: exit 0, and the retained state says offline (published before the clean disconnect).
            await cdu.SignalAsync("INT");
            var exit = await cdu.WaitForExitAsync(TimeSpan.FromSeconds(15));
            Assert.True(exit == 0, $"exit code {exit}:\n{cdu.Output}");
            Assert.Contains("Stopped:", cdu.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", cdu.Output, StringComparison.Ordinal);
            await using var late = await RigClient.ConnectAsync(broker.Port, "late", Root + "state");
            var retained = await late.WaitForAsync(Root + "state", _ => true, TimeSpan.FromSeconds(5));
            Assert.True(retained.Retained);
            Assert.False(retained.Json.GetProperty("online").GetBoolean());
            Assert.True(File.Exists(Path.Combine(folder.File("state"), "config.json")));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- virtual CDU output ---\n{cdu.Output}", ex);
        }
        finally
        {
            await silence.CancelAsync();
            await plant;
        }
    }

    [Fact]
    public async Task A_rig_that_starts_after_the_CDU_finds_it_waiting_for_its_first_scan_not_latched()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var folder = new TempFolder();
        await using var rig = await RigClient.ConnectAsync(broker.Port, "rig", Root + "#");
        using var cdu = VirtualCduProcess.Start("--broker", broker.Url, "--site", "t1", "--cdu", "cdu1", "--io", "hil", "--state-dir", folder.File("state"));
        using var silence = new CancellationTokenSource();
        Task? plant = null;
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (!cdu.Output.Contains("for the rig's first sensor scan", StringComparison.Ordinal) && started.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            Assert.Contains("Waiting up to 10 s for the rig's first sensor scan on " + Root + "hil/sensors", cdu.Output, StringComparison.Ordinal);
            // Connected, but no control cycle yet: nothing judged on the missing readings, no actuator command sent
            // (the retained birth follows the first cycle).
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.DoesNotContain(rig.Messages, m => m.Topic == Root + "hil/actuators" || m.Topic == Root + "telemetry");

            plant = PlayPlantAsync(rig, silence.Token);
            await rig.WaitForAsync(Root + "state", m => m.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(10), what: "online");
            await rig.WaitForAsync(Root + "hil/actuators", m => m.GetProperty("sensorsFresh").GetBoolean() && m.GetProperty("pumpRun")[0].GetBoolean(),
                TimeSpan.FromSeconds(10), what: "with pump 1 running on fresh sensors");
            Assert.DoesNotContain(rig.Messages, m => m.Topic == Root + "hil/actuators" && !m.Json.GetProperty("sensorsFresh").GetBoolean());
            Assert.DoesNotContain(rig.Messages, m => m.Topic == Root + "telemetry" && m.Json.GetProperty("mode").GetString() == "shutdown");
            Assert.DoesNotContain("No sensor scan from the rig", cdu.Output, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- virtual CDU output ---\n{cdu.Output}", ex);
        }
        finally
        {
            await silence.CancelAsync();
            if (plant is not null)
            {
                await plant;
            }
        }
    }

    [Fact]
    public async Task SIGTERM_stops_it_cleanly_too_even_without_a_reachable_broker()
    {
        var port = FreePort.OnLoopback();
        using var cdu = VirtualCduProcess.Start("--broker", $"mqtt://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--site", "t1", "--cdu", "cdu1");
        var started = DateTime.UtcNow;
        while (!cdu.Output.Contains("Virtual CDU t1/cdu1", StringComparison.Ordinal) && DateTime.UtcNow - started < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await cdu.SignalAsync("TERM");
        var exit = await cdu.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.True(exit == 0, $"exit code {exit}:\n{cdu.Output}");
        Assert.Contains("Stopped:", cdu.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_every_option_and_bad_options_exit_with_2()
    {
        using (var help = VirtualCduProcess.Start("--help"))
        {
            Assert.Equal(0, await help.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            foreach (var option in new[] { "--broker", "--username", "--password", "--site", "--cdu", "--config", "--state-dir", "--io", "--pins", "--time-scale", "Examples:" })
            {
                Assert.Contains(option, help.Output, StringComparison.Ordinal);
            }
        }

        using var bad = VirtualCduProcess.Start("--site", "Hall 1", "--cdu", "cdu1");
        Assert.Equal(2, await bad.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("--site:", bad.Output, StringComparison.Ordinal);

        using var fast = VirtualCduProcess.Start("--site", "s", "--cdu", "cdu1", "--time-scale", "1000");
        Assert.Equal(2, await fast.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("--time-scale: 1000 is not a time scale", fast.Output, StringComparison.Ordinal);

        using var missing = VirtualCduProcess.Start("--cdu", "cdu1", "--io", "serial");
        Assert.Equal(2, await missing.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("--site", missing.Output, StringComparison.Ordinal);
        Assert.Contains("serial", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retained_commands_and_requests_on_the_broker_are_ignored_at_every_start_of_the_CDU()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var folder = new TempFolder();
        await using var rig = await RigClient.ConnectAsync(broker.Port, "rig", Root + "#");
        // A rogue client leaves a shutdown command and a setpoint request retained on the broker.
        await rig.PublishAsync(Root + "command", """{"v":1,"seq":1,"command":"shutdown"}""", qos: 1, retain: true);
        await rig.PublishAsync(Root + "setpoint/request", """{"v":1,"epoch":1,"seq":1,"leaseSeconds":600,"supplyTemperatureCelsius":40}""", qos: 1, retain: true);
        using var silence = new CancellationTokenSource();
        var plant = PlayPlantAsync(rig, silence.Token);
        try
        {
            for (var start = 1; start <= 2; start++)
            {
                var since = rig.Now;
                using var cdu = VirtualCduProcess.Start("--broker", broker.Url, "--site", "t1", "--cdu", "cdu1", "--io", "hil", "--state-dir", folder.File("state"));
                try
                {
                    var rejected = await rig.WaitForAsync(Root + "event", m => m.GetProperty("name").GetString() == "MessageRejected",
                        TimeSpan.FromSeconds(20), since: since, what: $"MessageRejected at start {start}");
                    Assert.Equal("retained message ignored", rejected.Json.GetProperty("reason").GetString());
                    var telemetry = await rig.WaitForAsync(Root + "telemetry", m => m.GetProperty("retainedMessagesIgnored").GetInt64() == 2,
                        TimeSpan.FromSeconds(10), since: since, what: $"telemetry counting both retained messages at start {start}");
                    Assert.NotEqual("shutdown", telemetry.Json.GetProperty("mode").GetString());
                    Assert.Equal(0, telemetry.Json.GetProperty("lastRequestSeq").GetInt64());
                    Assert.Equal(0, telemetry.Json.GetProperty("requestEpoch").GetInt64());
                    Assert.Equal(0, telemetry.Json.GetProperty("leaseRemainingSeconds").GetDouble());
                    Assert.DoesNotContain(rig.Messages, m => m.At >= since && (m.Topic == Root + "setpoint/ack" || m.Topic == Root + "command/ack"));

                    await cdu.SignalAsync("INT");
                    Assert.Equal(0, await cdu.WaitForExitAsync(TimeSpan.FromSeconds(15)));
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    throw new InvalidOperationException($"{ex.Message}\n--- virtual CDU output ---\n{cdu.Output}", ex);
                }
            }
        }
        finally
        {
            await silence.CancelAsync();
            await plant;
        }
    }

    // The rig: every 100 ms one sensor message from the plant, which follows the CDU's latest actuator message.
    private static async Task PlayPlantAsync(RigClient rig, CancellationToken silence)
    {
        var plant = new Plant();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(silence))
            {
                var last = rig.Messages.LastOrDefault(m => m.Topic == Root + "hil/actuators");
                plant.Step(last?.Json);
                await rig.PublishAsync(Root + "hil/sensors", plant.SensorMessage(), cancellationToken: silence);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
