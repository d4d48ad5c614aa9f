using System.Text;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Tests;

public sealed class RackTelemetryReaderTests
{
    [Fact]
    public void Folds_72_GPUs_into_the_hottest_GPU_and_totals()
    {
        var result = RackTelemetryReader.Read(Messages.Rack(gpus: 72, hottest: 71.25, hottestIndex: 40));

        Assert.True(result.IsSuccess, result.Error);
        var t = result.Value!;
        Assert.Equal(72, t.GpuCount);
        Assert.Equal(71.25, t.HottestGpuTemperatureCelsius);
        Assert.Equal(40, t.HottestGpuIndex);
        Assert.Equal(66.25, t.HottestMemoryTemperatureCelsius);
        Assert.Equal(72 * 1300.5, t.GpuPowerWatts, 6);
        Assert.Equal(1, t.ThrottledGpuCount);
        Assert.Equal(126000, t.PowerWatts);
        Assert.Equal(180.5, t.FlowLitersPerMinute);
    }

    [Theory]
    [InlineData("", "malformed")]
    [InlineData("[]", "malformed: the message is not a JSON object")]
    [InlineData("{\"v\":1", "malformed JSON")]
    [InlineData("{\"v\":2,\"seq\":1}", "v: must be 1")]
    // Found by fuzzing (rack-telemetry): a name escaped as a lone surrogate threw out of the general reader.
    [InlineData("{\"v\":1,\"seq\":1,\"timestampUnixMilliseconds\":1,\"gpus\":[{\"index\":0,\"powerWatts\\uD800\":700}]}", "malformed JSON")]
    [InlineData("{\"\\uDC00\":1}", "malformed JSON")]
    public void Refuses_malformed_messages(string payload, string reasonStart)
    {
        var result = RackTelemetryReader.Read(Encoding.UTF8.GetBytes(payload));

        Assert.False(result.IsSuccess);
        Assert.StartsWith(reasonStart, result.Error);
    }

    [Theory]
    [InlineData("\"temperatureCelsius\":61.5", "\"temperatureCelsius\":\"hot\"", "gpus[7].temperatureCelsius")]
    [InlineData("\"temperatureCelsius\":61.5", "\"temperatureCelsius\":400", "gpus[7].temperatureCelsius")]
    [InlineData("\"index\":7,", "\"index\":6,", "gpus[7].index: must be unique")]
    [InlineData("\"inletTemperatureCelsius\":30.1", "\"inletTemperatureCelsius\":null", "inletTemperatureCelsius")]
    [InlineData("\"flowLitersPerMinute\":180.5", "\"flowLitersPerMinute\":-1", "flowLitersPerMinute")]
    [InlineData("\"seq\":1,", "\"seq\":1.5,", "seq")]
    public void Refuses_out_of_contract_fields_and_names_them(string original, string replacement, string reasonStart)
    {
        var text = Encoding.UTF8.GetString(Messages.Rack(gpus: 8, hottest: 61.5, hottestIndex: 7));
        Assert.Contains(original, text);

        var result = RackTelemetryReader.Read(Encoding.UTF8.GetBytes(text.Replace(original, replacement, StringComparison.Ordinal)));

        Assert.False(result.IsSuccess);
        Assert.StartsWith(reasonStart, result.Error);
    }

    [Fact]
    public void Refuses_oversize_messages_before_reading_them()
    {
        var result = RackTelemetryReader.Read(new byte[RackTelemetryReader.MaximumBytes + 1]);

        Assert.StartsWith("oversize", result.Error);
    }

    [Fact]
    public void Ignores_unknown_fields_for_additive_changes()
    {
        var text = Encoding.UTF8.GetString(Messages.Rack(gpus: 2, hottestIndex: 1)).Replace("\"v\":1,", "\"v\":1,\"vendor\":{\"x\":[1,2]},", StringComparison.Ordinal);

        Assert.True(RackTelemetryReader.Read(Encoding.UTF8.GetBytes(text)).IsSuccess);
    }
}
