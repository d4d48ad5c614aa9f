using System.Buffers;
using System.Text.Json;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>Rack messages of 72 GPUs whose die temperatures and throttle flags a benchmark chooses (contract v1, as rack agents write them).</summary>
public static class HallPayloads
{
    /// <param name="temperature">Die temperature of GPU i, °C (memory 6.3 K below).</param>
    /// <param name="throttled">Whether GPU i throttles.</param>
    public static byte[] Build(int rack, long sequence, Func<int, double> temperature, Func<int, bool> throttled)
    {
        ArgumentNullException.ThrowIfNull(temperature);
        ArgumentNullException.ThrowIfNull(throttled);
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", sequence);
            w.WriteNumber("timestampUnixMilliseconds", RackPayloads.TimestampOf(sequence));
            w.WriteNumber("inletTemperatureCelsius", 30.0 + rack % 7 * 0.11);
            w.WriteNumber("outletTemperatureCelsius", 40.0 + rack % 5 * 0.23);
            w.WriteNumber("flowLitersPerMinute", 180.0 + rack % 11);
            w.WriteNumber("powerWatts", 126_000 + rack % 13 * 100);
            w.WriteStartArray("gpus");
            for (var i = 0; i < RackPayloads.GpusPerRack; i++)
            {
                var t = temperature(i);
                w.WriteStartObject();
                w.WriteNumber("index", i);
                w.WriteNumber("temperatureCelsius", Math.Round(t, 2));
                w.WriteNumber("memoryTemperatureCelsius", Math.Round(t - 6.3, 1));
                w.WriteNumber("powerWatts", Math.Round(980 + (rack + i * 7) % 300 + 0.5, 1));
                w.WriteBoolean("throttled", throttled(i));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
