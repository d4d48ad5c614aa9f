using System.Text;
using Cdu.Firmware.Device;
using Cdu.Firmware.Host.Hil;
using Cdu.Firmware.Io;

namespace Cdu.Firmware.Host.Tests;

/// <summary>The ESP32's HIL sensor parser (core C# subset) against the host's: same scans, same verdicts, same fields named.</summary>
public sealed class HilSensorScannerTests
{
    [Fact]
    public void The_device_reads_a_valid_message_exactly_as_the_host_does()
    {
        var bytes = Encoding.UTF8.GetBytes(HilTopicIoTests.Valid);
        var device = new CduInputs();
        var host = new CduInputs();
        var scanner = new HilSensorScanner();

        Assert.True(scanner.Scan(bytes, bytes.Length, device), scanner.Reason);
        Assert.Null(HilTopicIo.Parse(bytes, host, out var sequence));

        Assert.Equal(sequence, scanner.Sequence);
        AssertSame(host, device);
    }

    [Fact]
    public void The_device_reads_every_message_of_the_test_plant_exactly_as_the_host_does()
    {
        var plant = new Support.Plant();
        var scanner = new HilSensorScanner();
        for (var i = 0; i < 20; i++)
        {
            plant.LeakZonesPercent[i % 4] = i * 3.25;
            var bytes = Encoding.UTF8.GetBytes(plant.SensorMessage());
            var device = new CduInputs();
            var host = new CduInputs();
            Assert.True(scanner.Scan(bytes, bytes.Length, device), scanner.Reason);
            Assert.Null(HilTopicIo.Parse(bytes, host, out _));
            AssertSame(host, device);
        }
    }

    [Theory]
    [MemberData(nameof(HilTopicIoTests.Malformed), MemberType = typeof(HilTopicIoTests))]
    public void The_device_refuses_what_the_host_refuses(string payload, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var scanner = new HilSensorScanner();

        Assert.False(scanner.Scan(bytes, bytes.Length, new CduInputs()));

        // Same field named first (JSON grammar errors are worded by each parser in its own way).
        if (!reason.StartsWith("malformed", StringComparison.Ordinal) && !reason.Contains("not an object", StringComparison.Ordinal) && !reason.Contains("appears twice", StringComparison.Ordinal))
        {
            var field = reason.Split(':')[0];
            Assert.StartsWith(field, scanner.Reason, StringComparison.Ordinal);
        }
    }

    private static void AssertSame(CduInputs expected, CduInputs actual)
    {
        static void Same(double e, double a) => Assert.True(double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(e - a) < 1e-12, $"{e} != {a}");
        for (var i = 0; i < CduInputs.SupplySensorCount; i++) Same(expected.SupplyTemperatureCelsius[i], actual.SupplyTemperatureCelsius[i]);
        Same(expected.ReturnTemperatureCelsius, actual.ReturnTemperatureCelsius);
        Same(expected.FacilitySupplyTemperatureCelsius, actual.FacilitySupplyTemperatureCelsius);
        Same(expected.FacilityReturnTemperatureCelsius, actual.FacilityReturnTemperatureCelsius);
        Same(expected.DeltaPressureMilliamps, actual.DeltaPressureMilliamps);
        Same(expected.FlowMilliamps, actual.FlowMilliamps);
        Same(expected.FilterDeltaPressureMilliamps, actual.FilterDeltaPressureMilliamps);
        Same(expected.ValvePositionPercent, actual.ValvePositionPercent);
        Same(expected.AmbientTemperatureCelsius, actual.AmbientTemperatureCelsius);
        Same(expected.RelativeHumidityPercent, actual.RelativeHumidityPercent);
        Assert.Equal(expected.AmbientValid, actual.AmbientValid);
        Assert.Equal(expected.PumpFault, actual.PumpFault);
        for (var i = 0; i < CduInputs.MaximumPumps; i++) Same(expected.PumpSpeedFeedbackPercent[i], actual.PumpSpeedFeedbackPercent[i]);
        for (var i = 0; i < CduInputs.LeakZoneCount; i++) Same(expected.LeakZoneLevelPercent[i], actual.LeakZoneLevelPercent[i]);
        Same(expected.ReservoirLevelPercent, actual.ReservoirLevelPercent);
    }
}
