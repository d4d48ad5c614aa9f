using System.Text;
using System.Text.Json;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Tests.Support;

/// <summary>A clock the test advances by hand.</summary>
public sealed class ManualClock : IClock
{
    public long Milliseconds { get; set; }

    public long GetUptimeMilliseconds() => Milliseconds;

    public void Advance(long milliseconds) => Milliseconds += milliseconds;
}

/// <summary>Records every publication of the core.</summary>
public sealed class RecordingBus : IMessageBus
{
    public List<(string Topic, string Payload, int Qos, bool Retain)> Messages { get; } = [];

    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) =>
        Messages.Add((topic, Encoding.UTF8.GetString(payload, 0, length), qualityOfService, retain));

    public IEnumerable<JsonElement> On(string topic) =>
        Messages.Where(m => m.Topic == topic).Select(m => JsonDocument.Parse(m.Payload).RootElement);
}

/// <summary>
/// Sensors set by the test, delivered as the hardware would (three supply RTDs, 4–20 mA transmitters with the
/// default spans, pump feedback following the commands); actuator commands recorded per cycle. Readings carry a
/// tiny alternating dither so that a steady value never looks stuck.
/// </summary>
public sealed class ScriptedIo : ICduIo
{
    private int _tick;
    private readonly CduOutputs _last = new();

    public double SupplyTemperatureCelsius { get; set; } = 30;

    public bool SupplyValid { get; set; } = true;

    public double DeltaPressureKpa { get; set; } = 120;

    public double FlowLitersPerMinute { get; set; } = 700;

    public double AmbientTemperatureCelsius { get; set; } = 24;

    public double RelativeHumidityPercent { get; set; } = 45;

    public double ReservoirLevelPercent { get; set; } = 80;

    public double[] LeakZonesPercent { get; } = new double[CduInputs.LeakZoneCount];

    public bool[] PumpFault { get; } = new bool[CduInputs.MaximumPumps];

    public List<double> ValveCommands { get; } = [];

    public List<CduOutputs> OutputHistory { get; } = [];

    public CduOutputs Last => _last;

    public void ReadInputs(CduInputs inputs)
    {
        var dither = (_tick++ % 2 == 0 ? 1 : -1) * 0.001;
        for (var i = 0; i < CduInputs.SupplySensorCount; i++)
        {
            inputs.SupplyTemperatureCelsius[i] = SupplyValid ? SupplyTemperatureCelsius + dither : double.NaN;
        }

        inputs.ReturnTemperatureCelsius = SupplyTemperatureCelsius + 10 + dither;
        inputs.FacilitySupplyTemperatureCelsius = 24 + dither;
        inputs.FacilityReturnTemperatureCelsius = 32 + dither;
        inputs.DeltaPressureMilliamps = 4 + 16 * DeltaPressureKpa / 400 + dither;
        inputs.FlowMilliamps = 4 + 16 * FlowLitersPerMinute / 2000 + dither;
        inputs.FilterDeltaPressureMilliamps = 4 + 16 * 20.0 / 200 + dither;
        inputs.ValvePositionPercent = _last.ValveCommandPercent;
        inputs.AmbientValid = true;
        inputs.AmbientTemperatureCelsius = AmbientTemperatureCelsius;
        inputs.RelativeHumidityPercent = RelativeHumidityPercent;
        inputs.ReservoirLevelPercent = ReservoirLevelPercent;
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            inputs.PumpFault[i] = PumpFault[i];
            inputs.PumpSpeedFeedbackPercent[i] = _last.PumpRunCommand[i] ? _last.PumpSpeedCommandPercent[i] : 0;
        }

        for (var i = 0; i < CduInputs.LeakZoneCount; i++)
        {
            inputs.LeakZoneLevelPercent[i] = LeakZonesPercent[i];
        }
    }

    public void WriteOutputs(CduOutputs outputs)
    {
        _last.CopyFrom(outputs);
        ValveCommands.Add(outputs.ValveCommandPercent);
        var copy = new CduOutputs();
        copy.CopyFrom(outputs);
        OutputHistory.Add(copy);
    }
}
