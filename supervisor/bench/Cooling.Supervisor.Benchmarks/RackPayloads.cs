using System.Buffers;
using System.Text.Json;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>Rack telemetry messages of contract v1 as a rack agent writes them: 72 GPUs with plausible, varied values.</summary>
public static class RackPayloads
{
    public const int GpusPerRack = 72;

    private const long FirstTimestampUnixMilliseconds = 1_764_000_000_000;

    /// <summary>The timestamp written with a sequence number (one second apart), ms.</summary>
    public static long TimestampOf(long sequence) => FirstTimestampUnixMilliseconds + sequence * 1000;

    /// <summary>The sequence number of a timestamp written by <see cref="Build"/>.</summary>
    public static long SequenceOf(long timestampUnixMilliseconds) => (timestampUnixMilliseconds - FirstTimestampUnixMilliseconds) / 1000;

    /// <summary>The message of rack <paramref name="rack"/> with sequence number <paramref name="sequence"/>.</summary>
    public static byte[] Build(int rack, long sequence, int gpus = GpusPerRack)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", sequence);
            w.WriteNumber("timestampUnixMilliseconds", TimestampOf(sequence));
            w.WriteNumber("inletTemperatureCelsius", 30.0 + rack % 7 * 0.11);
            w.WriteNumber("outletTemperatureCelsius", 40.0 + rack % 5 * 0.23);
            w.WriteNumber("flowLitersPerMinute", 180.0 + rack % 11);
            w.WriteNumber("powerWatts", 126_000 + rack % 13 * 100);
            w.WriteStartArray("gpus");
            for (var i = 0; i < gpus; i++)
            {
                var t = 55.0 + (rack * 31 + i * 17 + sequence) % 230 / 10.0;
                w.WriteStartObject();
                w.WriteNumber("index", i);
                w.WriteNumber("temperatureCelsius", Math.Round(t, 2));
                w.WriteNumber("memoryTemperatureCelsius", Math.Round(t - 6.3, 1));
                w.WriteNumber("powerWatts", Math.Round(980 + (rack + i * 7) % 300 + 0.5, 1));
                w.WriteBoolean("throttled", (rack + i) % 97 == 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
