using System.Text;
using Cdu.Firmware;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host;
using Cdu.Firmware.Host.Hil;
using Cooling.Models;
using Cooling.Testing;
using Cooling.Twin;
using Cooling.Twin.Hall;
using Cooling.Twin.Rig;
using Xunit.Abstractions;
using Cooling.Mqtt.Connection;

namespace Cooling.Models.Tests.Twin;

/// <summary>
/// Rig mode against a real virtual CDU process (<c>Cdu.Firmware.Host --io hil --clock hil</c>) on a real mosquitto: the
/// twin plays the plant over the HIL I/O topics and the CDU controls it, in lockstep with the plant's time
/// (<see cref="TwinRig.StepInLockstep"/>), so what is judged does not depend on how busy the machine is.
/// </summary>
public sealed class RigModeTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_virtual_CDU_process_controls_the_supply_temperature_of_the_rig_plant_to_its_setpoint()
    {
        await using var broker = await MosquittoBroker.StartAsync();

        // A bench-size loop (one rack, 10 L volumes, 5 L pipes, a 10 s valve) starting 1 K above the CDU's 27 °C setpoint at
        // idle load. Its time constants are seconds, not minutes, so the CDU's valve loop is tuned to match (given to
        // the process as a configuration document, as a technician would) and settles in well under a minute.
        var settings = new CduSettings { Valve = { SlewPercentPerSecond = 20, ProportionalGainPercentPerKelvin = 20, IntegralTimeSeconds = 10 } };
        var configuration = Path.Combine(Directory.CreateTempSubdirectory("twin-rig-").FullName, "cdu1.json");
        var export = new ConfigurationStore(new VolatileStorage()).Export(settings);
        await File.WriteAllBytesAsync(configuration, export.Buffer.AsMemory(0, export.Length));
        var description = new HallDescription
        {
            SiteId = "rig1",
            Loop = LoopSizing.ForRacks(1) with { InitialCelsius = 28, SupplyVolumeLiters = 10, ReturnVolumeLiters = 10, SupplyPipeVolumeLiters = 5, ReturnPipeVolumeLiters = 5, ValveStrokeTimeSeconds = 10 },
            Workload = Workloads.Constant(0),
            SettleSeconds = 0,
        };

        await using var rig = new TwinRig(description, ["cdu1"], BrokerConnectionOptions.Parse(broker.Url));
        await rig.StartAsync(TimeSpan.FromSeconds(10));
        using var cdu = DotnetProcess.Start(DotnetProcess.BesideTests("Cdu.Firmware.Host.dll"), "--broker", broker.Url, "--site", "rig1", "--cdu", "cdu1", "--io", "hil", "--clock", "hil", "--config", configuration);
        var trace = new List<RigLoopStatus>();
        try
        {
            // The CDU is on the broker and waits for the rig's first scan (at most 60 s, however busy the machine).
            for (var waited = 0; !cdu.Output.Contains(HilPlantClock.WaitingLine, StringComparison.Ordinal); waited += 10)
            {
                if (cdu.HasExited || waited > 60_000) throw new InvalidOperationException("the virtual CDU did not start");
                await Task.Delay(10);
            }

            // Until the supply has stayed within 0.2 K of the setpoint for 5 s (at most 90 s of plant time), a status every 500 ms.
            var settledSince = TimeSpan.MaxValue;
            while (rig.PlantTime < TimeSpan.FromSeconds(90))
            {
                rig.StepInLockstep(TimeSpan.FromSeconds(30));
                if (rig.PlantTime.TotalMilliseconds % 500 != 0) continue;
                var status = rig.Loops[0].Status();
                trace.Add(status);
                var near = status.Mode == "automatic" && Math.Abs(status.SupplyCelsius - 27) < 0.2;
                settledSince = near ? TimeSpan.FromTicks(Math.Min(settledSince.Ticks, status.PlantTime.Ticks)) : TimeSpan.MaxValue;
                if (near && status.PlantTime - settledSince >= TimeSpan.FromSeconds(5)) break;
            }

            foreach (var s in trace.Where((_, i) => i % 8 == 0)) log.WriteLine($"{s.PlantTime.TotalSeconds,5:0.0} s supply {s.SupplyCelsius:0.00} setpoint {s.SetpointCelsius} mode {s.Mode} valve {s.ValveCommandPercent:0.0} % flow {s.FlowLitersPerMinute:0} ΔP {s.DeltaPressureKpa:0} HX {s.HeatRejectedWatts / 1000:0.0} kW");
            var last = trace[^1];

            // The CDU's telemetry says it runs automatic on 27 °C; through the rig it started the pumps and opened the valve.
            Assert.Equal("automatic", last.Mode);
            Assert.Equal(27, last.SetpointCelsius);
            Assert.True(last.PumpSpeedCommandPercent > 10, $"pump 1 at {last.PumpSpeedCommandPercent} %");
            Assert.True(last.FlowLitersPerMinute > 100, $"flow {last.FlowLitersPerMinute} L/min");
            Assert.True(last.ValveCommandPercent > 20, $"valve {last.ValveCommandPercent} %");

            // Without the valve the plant only heats (idle GPUs, no heat rejected): the supply went up during start-up
            // and the CDU brought it back to its setpoint, where it stays.
            Assert.True(trace.Max(s => s.SupplyCelsius) > 28.2, $"peak supply {trace.Max(s => s.SupplyCelsius):0.00} °C");
            Assert.True(Math.Abs(last.SupplyCelsius - 27) < 0.2, $"supply {last.SupplyCelsius:0.00} °C after {last.PlantTime.TotalSeconds:0} s");
            Assert.True(trace.Where(s => s.PlantTime >= last.PlantTime - TimeSpan.FromSeconds(5)).All(s => Math.Abs(s.SupplyCelsius - 27) < 0.2));

            // Every actuator message was taken (one per control period, none refused), and the plant's energy balance closes.
            Assert.Equal(0, last.RejectedActuatorMessages);
            Assert.True(last.AcceptedActuatorMessages >= 10 * last.PlantTime.TotalSeconds, $"{last.AcceptedActuatorMessages} actuator messages in {last.PlantTime.TotalSeconds:0} s");
            var balance = rig.Summarize()[0].EnergyBalanceError;
            Assert.True(Math.Abs(balance) < 0.005, $"energy balance error {balance:P3}");
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- virtual CDU output ---\n{cdu.Output}", ex);
        }
        catch (Xunit.Sdk.XunitException)
        {
            log.WriteLine("--- virtual CDU output ---\n" + cdu.Output);
            throw;
        }
        finally
        {
            await cdu.SignalAsync("TERM");
        }
    }
}
