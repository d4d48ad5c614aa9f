using System.Buffers;
using System.Text.Json;

namespace Cooling.Supervisor.Dcgm;

/// <summary>
/// Writes a rack telemetry message of contract v1 from GPU readings. The bridge measures no coolant, so the rack's
/// inlet, outlet, flow and heat are left out (the contract makes them optional); a GPU's memory temperature and
/// throttle flag are written when reported.
/// </summary>
public static class RackTelemetryWriter
{
    public static byte[] Write(long sequence, long timestampUnixMilliseconds, IReadOnlyList<(int Index, DcgmGpuReading Reading)> gpus)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + gpus.Count * 112);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", sequence);
            w.WriteNumber("timestampUnixMilliseconds", timestampUnixMilliseconds);
            w.WriteStartArray("gpus");
            foreach (var (index, reading) in gpus)
            {
                w.WriteStartObject();
                w.WriteNumber("index", index);
                w.WriteNumber("temperatureCelsius", reading.TemperatureCelsius!.Value);
                if (reading.MemoryTemperatureCelsius is { } memory) w.WriteNumber("memoryTemperatureCelsius", memory);
                w.WriteNumber("powerWatts", Math.Round(reading.PowerWatts!.Value, 3));
                if (reading.Throttled is { } throttled) w.WriteBoolean("throttled", throttled);
                if (reading.Uuid is { Length: > 0 } uuid) w.WriteString("uuid", uuid);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
