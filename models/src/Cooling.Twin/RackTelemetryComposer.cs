using System.Buffers;
using System.Text.Json;
using Cooling.Models.Components;

namespace Cooling.Twin;

/// <summary>
/// Writes a rack's telemetry message of contract v1 (docs/mqtt.md): per-GPU temperature, memory temperature,
/// power and throttle flag; rack inlet and outlet coolant temperature and flow.
/// </summary>
public sealed class RackTelemetryComposer : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;

    public RackTelemetryComposer() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>Composes the message with the rack's outlet temperature from the plant; the returned memory is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Compose(GpuRack rack, long sequence, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(rack);
        return Compose(rack, rack.OutletCelsius, sequence, timestamp);
    }

    /// <summary>Composes the message with the given outlet temperature; the returned memory is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Compose(GpuRack rack, double outletCelsius, long sequence, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(rack);
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var w = _writer;
        w.WriteStartObject();
        w.WriteNumber("v", 1);
        w.WriteNumber("seq", sequence);
        w.WriteNumber("timestampUnixMilliseconds", timestamp.ToUnixTimeMilliseconds());
        w.WriteNumber("inletTemperatureCelsius", Math.Round(rack.InletCelsius, 2));
        w.WriteNumber("outletTemperatureCelsius", Math.Round(outletCelsius, 2));
        w.WriteNumber("flowLitersPerMinute", Math.Round(rack.FlowLitersPerMinute, 1));
        w.WriteNumber("powerWatts", Math.Round(rack.HeatWatts, 0));
        w.WriteStartArray("gpus");
        for (var i = 0; i < rack.GpuCount; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("index", i);
            w.WriteNumber("temperatureCelsius", Math.Round(rack.GpuTemperatureCelsius(i), 2));
            w.WriteNumber("memoryTemperatureCelsius", Math.Round(rack.GpuMemoryTemperatureCelsius(i), 2));
            w.WriteNumber("powerWatts", Math.Round(rack.GpuPowerWatts(i), 1));
            w.WriteBoolean("throttled", rack.GpuThrottled(i));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _writer.Dispose();
}
