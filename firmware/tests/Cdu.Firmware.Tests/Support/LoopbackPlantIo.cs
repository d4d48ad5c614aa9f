using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Tests.Support;

/// <summary>
/// A small plant that allocates nothing, for allocation tests and benchmarks of the control cycle: the supply
/// temperature relaxes towards a value the valve lowers (τ = 20 s), ΔP and flow follow pump speed by the affinity
/// laws, pump feedback follows the commands, and a deterministic dither keeps every reading alive. Every loop,
/// pump and safety function of the core is active on it.
/// </summary>
public sealed class LoopbackPlantIo : ICduIo
{
    private const double StepSeconds = 0.1;
    private readonly CduOutputs _commands = new();
    private double _supplyCelsius = 30;
    private long _tick;

    public double ItLoadKelvin { get; set; } = 14;

    public void ReadInputs(CduInputs inputs)
    {
        var dither = ((_tick++ % 7) - 3) * 0.003;
        var valve = _commands.ValveCommandPercent;
        var equilibrium = 24 + ItLoadKelvin * (1 - 0.6 * valve / 100);
        _supplyCelsius += StepSeconds / (20 + StepSeconds) * (equilibrium - _supplyCelsius);
        var speed = 0.0;
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            if (_commands.PumpRunCommand[i]) speed = Math.Max(speed, _commands.PumpSpeedCommandPercent[i]);
        }

        var deltaPressure = 150 * (speed / 100) * (speed / 100);
        var flow = 800 * speed / 100;
        for (var i = 0; i < CduInputs.SupplySensorCount; i++)
        {
            inputs.SupplyTemperatureCelsius[i] = _supplyCelsius + dither * (i + 1);
        }

        inputs.ReturnTemperatureCelsius = _supplyCelsius + 10 + dither;
        inputs.FacilitySupplyTemperatureCelsius = 24 + dither;
        inputs.FacilityReturnTemperatureCelsius = 32 + dither;
        inputs.DeltaPressureMilliamps = 4 + 16 * deltaPressure / 400 + dither;
        inputs.FlowMilliamps = 4 + 16 * flow / 2000 + dither;
        inputs.FilterDeltaPressureMilliamps = 4 + 16 * 20.0 / 200 + dither;
        inputs.ValvePositionPercent = valve;
        inputs.AmbientValid = true;
        inputs.AmbientTemperatureCelsius = 24 + dither;
        inputs.RelativeHumidityPercent = 45;
        inputs.ReservoirLevelPercent = 80 + dither;
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            inputs.PumpFault[i] = false;
            inputs.PumpSpeedFeedbackPercent[i] = _commands.PumpRunCommand[i] ? _commands.PumpSpeedCommandPercent[i] : 0;
        }

        for (var i = 0; i < CduInputs.LeakZoneCount; i++)
        {
            inputs.LeakZoneLevelPercent[i] = 0;
        }
    }

    public void WriteOutputs(CduOutputs outputs) => _commands.CopyFrom(outputs);
}

/// <summary>A message bus that drops everything (and allocates nothing).</summary>
public sealed class NullBus : IMessageBus
{
    public long Published { get; private set; }

    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) => Published++;
}
