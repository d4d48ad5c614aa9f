using System.Buffers;
using System.Text.Json;
using Cdu.Firmware.Io;

namespace Cooling.Twin.Rig;

/// <summary>
/// Writes one HIL sensor scan (rig → CDU, docs/hil-io.md) from the values the CDU's hardware would deliver: RTD
/// temperatures in °C, transmitters as 4–20 mA loop currents, and so on. A NaN reading is written as null (a missing
/// reading); every field of the scan is always present. The buffer is reused: the returned memory is valid until the
/// next call.
/// </summary>
public sealed class HilSensorWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public HilSensorWriter() => _writer = new Utf8JsonWriter(_buffer);

    /// <param name="plantMilliseconds">
    /// the plant's time of the scan, written first as <c>plantMilliseconds</c> when not negative: a CDU in lockstep
    /// (<c>--clock hil</c>) moves its clock to it (docs/hil-io.md)
    /// </param>
    public ReadOnlyMemory<byte> Write(CduInputs inputs, long sequence, long plantMilliseconds = -1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var w = _writer;
        w.WriteStartObject();
        if (plantMilliseconds >= 0) w.WriteNumber("plantMilliseconds", plantMilliseconds);
        w.WriteNumber("v", 1);
        w.WriteNumber("seq", sequence);
        w.WriteStartArray("supplyTemperaturesCelsius");
        foreach (var t in inputs.SupplyTemperatureCelsius) Value(w, t);
        w.WriteEndArray();
        Number(w, "returnTemperatureCelsius", inputs.ReturnTemperatureCelsius);
        Number(w, "facilitySupplyTemperatureCelsius", inputs.FacilitySupplyTemperatureCelsius);
        Number(w, "facilityReturnTemperatureCelsius", inputs.FacilityReturnTemperatureCelsius);
        Number(w, "deltaPressureMilliamps", inputs.DeltaPressureMilliamps);
        Number(w, "flowMilliamps", inputs.FlowMilliamps);
        Number(w, "filterDeltaPressureMilliamps", inputs.FilterDeltaPressureMilliamps);
        Number(w, "valvePositionPercent", inputs.ValvePositionPercent);
        Number(w, "ambientTemperatureCelsius", inputs.AmbientTemperatureCelsius);
        Number(w, "relativeHumidityPercent", inputs.RelativeHumidityPercent);
        w.WriteBoolean("ambientValid", inputs.AmbientValid);
        w.WriteStartArray("pumpFaults");
        foreach (var fault in inputs.PumpFault) w.WriteBooleanValue(fault);
        w.WriteEndArray();
        w.WriteStartArray("pumpSpeedFeedbackPercent");
        foreach (var speed in inputs.PumpSpeedFeedbackPercent) Value(w, speed);
        w.WriteEndArray();
        w.WriteStartArray("leakZonesPercent");
        foreach (var zone in inputs.LeakZoneLevelPercent) Value(w, zone);
        w.WriteEndArray();
        Number(w, "reservoirLevelPercent", inputs.ReservoirLevelPercent);
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _writer.Dispose();

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        Value(w, value);
    }

    private static void Value(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(value);
        else w.WriteNullValue();
    }
}
