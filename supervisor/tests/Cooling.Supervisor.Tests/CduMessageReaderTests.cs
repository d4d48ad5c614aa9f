using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Tests;

public sealed class CduMessageReaderTests
{
    [Fact]
    public void Reads_telemetry_with_null_for_an_invalid_sensor()
    {
        var result = CduMessageReader.ReadTelemetry(Messages.CduTelemetry(seq: 9, supply: "null"));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Value!.SupplyTemperatureCelsius);
        Assert.Equal(9, result.Value.Sequence);
        Assert.Equal(55.2, result.Value.ValvePositionPercent);
    }

    [Theory]
    [InlineData("\"supplyTemperatureCelsius\":30.02", "\"supplyTemperatureCelsius\":\"30\"", "supplyTemperatureCelsius")]
    [InlineData("\"mode\":\"automatic\",", "", "mode")]
    [InlineData("\"valveCommandPercent\":55.4", "\"valveCommandPercent\":155.4", "valveCommandPercent")]
    [InlineData("\"v\":1", "\"v\":3", "v: must be 1")]
    public void Refuses_telemetry_out_of_contract_and_names_the_field(string original, string replacement, string reasonStart)
    {
        var text = System.Text.Encoding.UTF8.GetString(Messages.CduTelemetry()).Replace(original, replacement, StringComparison.Ordinal);

        var result = CduMessageReader.ReadTelemetry(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.False(result.IsSuccess);
        Assert.StartsWith(reasonStart, result.Error);
    }

    [Fact]
    public void Reads_acknowledgements_and_refuses_unknown_statuses()
    {
        var ok = CduMessageReader.ReadAcknowledgement(Messages.Ack(12, "clamped", 45));
        Assert.True(ok.IsSuccess, ok.Error);
        Assert.Equal("clamped", ok.Value!.Status);
        Assert.Equal(45, ok.Value.AppliedSupplyTemperatureCelsius);

        var bad = CduMessageReader.ReadAcknowledgement(Messages.Ack(12, "maybe"));
        Assert.StartsWith("status: must be one of", bad.Error);
    }

    [Fact]
    public void Reads_birth_and_last_will()
    {
        Assert.True(CduMessageReader.ReadState(Messages.Text("""{"v":1,"online":true,"firmwareVersion":"0.1.0","mode":"automatic"}""")).Value!.Online);
        Assert.False(CduMessageReader.ReadState(Messages.Text("""{"v":1,"online":false}""")).Value!.Online);
        Assert.False(CduMessageReader.ReadState(Messages.Text("""{"v":1,"online":"yes"}""")).IsSuccess);
    }

    [Fact]
    public void Reads_the_CDU_active_alarms_and_counts_the_critical_ones()
    {
        var text = System.Text.Encoding.UTF8.GetString(Messages.CduTelemetry()).Replace("\"firmwareVersion\"",
            "\"alarms\":[{\"code\":\"LeakDetectedCritical\",\"source\":\"zone2\",\"severity\":\"Critical\"},{\"code\":\"PumpFailed\",\"source\":\"pump1\",\"severity\":\"Warning\"}],\"firmwareVersion\"",
            StringComparison.Ordinal);

        var result = CduMessageReader.ReadTelemetry(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(["LeakDetectedCritical@zone2", "PumpFailed@pump1"], result.Value!.ActiveAlarms);
        Assert.Equal(1, result.Value.CriticalAlarmCount);
        Assert.Empty(CduMessageReader.ReadTelemetry(Messages.CduTelemetry()).Value!.ActiveAlarms);

        var bad = text.Replace("\"code\":\"PumpFailed\",", "", StringComparison.Ordinal);
        Assert.StartsWith("alarms:", CduMessageReader.ReadTelemetry(System.Text.Encoding.UTF8.GetBytes(bad)).Error);
    }

    // Found by fuzzing (cdu-messages): names and strings are unescaped only when read, and a lone surrogate escape
    // (grammatical JSON, but no text) or invalid UTF-8 threw InvalidOperationException out of the reader.
    [Theory]
    [InlineData("""{"v":1,"seq":1,"name":"\uD800","severity":"OK","reason":"x"}""")]
    [InlineData("""{"v":1,"seq":1,"name":"PumpFailed","severity":"\uDC00","reason":"x"}""")]
    [InlineData("""{"v":1,"\uD800seq":1,"name":"PumpFailed","severity":"OK","reason":"x"}""")]
    public void A_lone_surrogate_escape_is_refused_as_malformed(string message)
    {
        var result = CduMessageReader.ReadEvent(System.Text.Encoding.UTF8.GetBytes(message));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("malformed JSON:", result.Error);
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_is_refused_as_malformed()
    {
        var message = System.Text.Encoding.UTF8.GetBytes("""{"v":1,"online":true,"firmwareVersion":"1.@","mode":"automatic"}""");
        message[Array.IndexOf(message, (byte)'@')] = 0xC3;

        var result = CduMessageReader.ReadState(message);

        Assert.False(result.IsSuccess);
        Assert.StartsWith("malformed JSON:", result.Error);
    }
}
