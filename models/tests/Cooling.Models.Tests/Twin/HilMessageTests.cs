using System.Text;
using Cdu.Firmware.Hil;
using Cdu.Firmware.Host.Hil;
using Cooling.Mqtt.Topics;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Cooling.Models.Plant;
using Cooling.Twin;
using Cooling.Twin.Rig;

namespace Cooling.Models.Tests.Twin;

/// <summary>The rig's side of the HIL I/O messages, checked against the CDU's side (the virtual CDU's HilTopicIo).</summary>
public sealed class HilMessageTests
{
    [Fact]
    public void A_sensor_scan_written_by_the_rig_is_accepted_by_the_CDU_reading_for_reading()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription(), 1);
        plant.LeakZoneLevelPercent[2] = 35;
        var io = new SimulatedCduIo(plant);
        io.Inject("flow", new SensorFault(SensorFaultKind.Open));
        for (var i = 0; i < 30; i++) io.StepPlant(0.1);
        var scan = new CduInputs();
        io.ReadInputs(scan);
        scan.ReturnTemperatureCelsius = double.NaN; // a missing reading travels as null
        using var writer = new HilSensorWriter();

        var payload = writer.Write(scan, sequence: 42);
        var parsed = new CduInputs();
        var scanner = new HilSensorScanner();
        var bytes = payload.ToArray();

        Assert.True(scanner.Scan(bytes, bytes.Length, parsed), scanner.Reason);
        Assert.Equal(42, scanner.Sequence);
        Assert.Equal(scan.SupplyTemperatureCelsius, parsed.SupplyTemperatureCelsius);
        Assert.True(double.IsNaN(parsed.ReturnTemperatureCelsius));
        Assert.Contains("\"returnTemperatureCelsius\":null", Encoding.UTF8.GetString(payload.Span), StringComparison.Ordinal);
        Assert.Equal(scan.FacilitySupplyTemperatureCelsius, parsed.FacilitySupplyTemperatureCelsius);
        Assert.Equal(scan.DeltaPressureMilliamps, parsed.DeltaPressureMilliamps);
        Assert.Equal(0, parsed.FlowMilliamps); // the injected open loop: 0 mA
        Assert.Equal(scan.FilterDeltaPressureMilliamps, parsed.FilterDeltaPressureMilliamps);
        Assert.Equal(scan.ValvePositionPercent, parsed.ValvePositionPercent);
        Assert.Equal(scan.AmbientValid, parsed.AmbientValid);
        Assert.Equal(scan.PumpFault, parsed.PumpFault);
        Assert.Equal(scan.PumpSpeedFeedbackPercent, parsed.PumpSpeedFeedbackPercent);
        Assert.Equal([0, 0, 35, 0], parsed.LeakZoneLevelPercent);
        Assert.Equal(scan.ReservoirLevelPercent, parsed.ReservoirLevelPercent);
    }

    [Fact]
    public void Actuator_messages_of_the_CDU_drive_the_rig_plant_and_bad_ones_change_nothing()
    {
        var bus = new LastMessageBus();
        var cduSide = new HilTopicIo(new HilTopics("t1", "cdu1"), TimeProvider.System, bus);
        var commands = new CduOutputs { ValveCommandPercent = 57.5, IsolationValvesOpen = true, AlarmRelay = false };
        commands.PumpRunCommand[1] = true;
        commands.PumpSpeedCommandPercent[1] = 62;
        cduSide.WriteOutputs(commands);

        var read = new CduOutputs();
        Assert.Null(HilActuatorReader.Read(bus.Payload, read, out var sequence));
        Assert.Equal(1, sequence);
        Assert.Equal(57.5, read.ValveCommandPercent);
        Assert.Equal([false, true, false, false], read.PumpRunCommand);
        Assert.Equal([0, 62, 0, 0], read.PumpSpeedCommandPercent);
        Assert.True(read.IsolationValvesOpen);

        string[] bad =
        [
            "not json",
            "[1,2]",
            """{"v":2,"seq":1,"valveCommandPercent":10,"pumpRun":[true],"pumpSpeedPercent":[50],"isolationValvesOpen":true,"alarmRelay":false}""",
            """{"v":1,"seq":1,"pumpRun":[true],"pumpSpeedPercent":[50],"isolationValvesOpen":true,"alarmRelay":false}""",
            """{"v":1,"seq":1,"valveCommandPercent":10,"pumpRun":[true,"yes"],"pumpSpeedPercent":[50,50],"isolationValvesOpen":true,"alarmRelay":false}""",
            """{"v":1,"seq":1,"valveCommandPercent":10,"pumpRun":[true,true],"pumpSpeedPercent":[50],"isolationValvesOpen":true,"alarmRelay":false}""",
            """{"v":1,"seq":-4,"valveCommandPercent":10,"pumpRun":[true],"pumpSpeedPercent":[50],"isolationValvesOpen":true,"alarmRelay":false}""",
        ];
        string[] reasons = ["malformed JSON", "malformed JSON", "v:", "valveCommandPercent:", "pumpRun[1]:", "pumpSpeedPercent:", "seq:"];
        var plant = new SecondaryLoopPlant(new LoopDescription(), 1);
        using var loop = new RigLoop(0, "cdu1", new HilTopics("t1", "cdu1"), plant, new SimulatedCduIo(plant), 100, 600);
        Assert.True(loop.AcceptActuators(bus.Payload));
        for (var i = 0; i < bad.Length; i++)
        {
            Assert.False(loop.AcceptActuators(Encoding.UTF8.GetBytes(bad[i])));
            Assert.StartsWith(reasons[i], loop.LastRejection, StringComparison.Ordinal);
        }

        Assert.Equal(1, loop.AcceptedActuatorMessages);
        Assert.Equal(bad.Length, loop.RejectedActuatorMessages);
        var status = loop.Status();
        Assert.Equal(57.5, status.ValveCommandPercent);

        // The plant runs under the last good commands: pump 2 spins up, the valve moves.
        for (var i = 0; i < 50; i++) loop.Step(null);
        Assert.True(plant.Pumps[1].SpeedPercent > 50, $"pump 2 at {plant.Pumps[1].SpeedPercent} %");
        Assert.Equal(0, plant.Pumps[0].SpeedPercent);
        Assert.True(plant.Valve.PositionPercent > 1);
        Assert.Equal(50, loop.SensorMessages);
    }

    private sealed class LastMessageBus : IMessageBus
    {
        public byte[] Payload { get; private set; } = [];

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) => Payload = payload[..length];
    }
}
