using Cdu.Firmware;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Cooling.Models.Plant;

namespace Cooling.Twin;

/// <summary>
/// The firmware core's I/O bound to a simulated loop, as the hardware would deliver it: three supply RTDs and
/// the other temperatures in °C behind a thermowell's first-order lag (τ = 3 s) with seeded noise (σ ≈ 0.02 K, as a
/// 4-wire PT100 on a MAX31865 delivers), the ΔP,
/// flow and filter transmitters as 4–20 mA loop currents, pump drive fault contacts and speed feedback, leak zones,
/// reservoir level and the ambient sensor. Faults can be injected per channel (<see cref="Inject"/>). Actuator
/// commands are kept for the plant's next step.
/// </summary>
public sealed class SimulatedCduIo : ICduIo
{
    /// <summary>Channel names for <see cref="Inject"/>: as the firmware names them.</summary>
    public static readonly string[] Channels = ["supply1", "supply2", "supply3", "return", "facilitySupply", "facilityReturn", "deltaPressure", "flow", "filterDeltaPressure"];

    private const int Supply1 = 0, Return = 3, FacilitySupply = 4, FacilityReturn = 5, DeltaPressure = 6, Flow = 7, FilterDeltaPressure = 8;

    // Per channel (index into Channels): the injected fault (null: none), the last value delivered, the sensor
    // element's lagged temperature (NaN before the first read) and a drift's accumulated offset. Arrays, not
    // dictionaries: a read costs no hashing and allocates nothing.
    private readonly SecondaryLoopPlant _plant;
    private readonly CduSettings _settings;
    private readonly Random _noise;
    private readonly SensorFault?[] _faults = new SensorFault?[Channels.Length];
    private readonly double[] _lastRaw = new double[Channels.Length];
    private readonly bool[] _hasLastRaw = new bool[Channels.Length];
    private readonly double[] _lagged = [.. Enumerable.Repeat(double.NaN, Channels.Length)];
    private readonly double[] _drift = new double[Channels.Length];
    private readonly CduOutputs _commands = new();
    private double _stepSeconds = 0.1;

    public SimulatedCduIo(SecondaryLoopPlant plant, CduSettings? settings = null, int seed = 17)
    {
        _plant = plant;
        _settings = settings ?? new CduSettings();
        _noise = new Random(seed);
        _commands.IsolationValvesOpen = true;
    }

    /// <summary>Ambient air at the CDU, °C, for the dew-point guard.</summary>
    public double AmbientTemperatureCelsius { get; set; } = 24;

    /// <summary>Ambient relative humidity at the CDU, %.</summary>
    public double RelativeHumidityPercent { get; set; } = 45;

    /// <summary>False makes the ambient sensor stop answering.</summary>
    public bool AmbientAnswering { get; set; } = true;

    /// <summary>Time constant of the temperature sensors in their thermowells, s (0 for none).</summary>
    public double TemperatureLagSeconds { get; set; } = 3;

    /// <summary>Standard deviation of temperature noise, K (0 for ideal sensors).</summary>
    public double TemperatureNoiseKelvin { get; set; } = 0.02;

    /// <summary>The last actuator commands of the firmware.</summary>
    public CduOutputs Commands => _commands;

    public double ValveCommandPercent => _commands.ValveCommandPercent;

    /// <summary>Injects (or with <see cref="SensorFaultKind.None"/> clears) a fault on a channel of <see cref="Channels"/>.</summary>
    public void Inject(string channel, SensorFault fault)
    {
        var index = Array.IndexOf(Channels, channel);
        if (index < 0) throw new ArgumentException($"'{channel}' is not a channel: use one of {string.Join(", ", Channels)}.", nameof(channel));
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Kind == SensorFaultKind.None)
        {
            _faults[index] = null;
            _drift[index] = 0;
        }
        else
        {
            _faults[index] = fault;
        }
    }

    /// <summary>Runs inside every sensor read (a test makes the read slow by advancing the clock here).</summary>
    public Action? ReadDelay { get; set; }

    public void ReadInputs(CduInputs inputs)
    {
        ReadDelay?.Invoke();
        var p = _plant;
        for (var i = 0; i < CduInputs.SupplySensorCount; i++)
        {
            inputs.SupplyTemperatureCelsius[i] = Rtd(Supply1 + i, p.SupplyCelsius);
        }

        inputs.ReturnTemperatureCelsius = Rtd(Return, p.ReturnCelsius);
        inputs.FacilitySupplyTemperatureCelsius = Rtd(FacilitySupply, p.FacilitySupplyCelsius);
        inputs.FacilityReturnTemperatureCelsius = Rtd(FacilityReturn, p.FacilityReturnCelsius);
        inputs.DeltaPressureMilliamps = Loop(DeltaPressure, p.DeltaPressureKpa, _settings.Sensor.DeltaPressureSpanKpa);
        inputs.FlowMilliamps = Loop(Flow, p.FlowLitersPerMinute, _settings.Sensor.FlowSpanLitersPerMinute);
        inputs.FilterDeltaPressureMilliamps = Loop(FilterDeltaPressure, p.FilterDeltaPressureKpa, _settings.Sensor.FilterDeltaPressureSpanKpa);
        inputs.ValvePositionPercent = p.Valve.PositionPercent;
        inputs.AmbientValid = AmbientAnswering;
        inputs.AmbientTemperatureCelsius = AmbientAnswering ? AmbientTemperatureCelsius : double.NaN;
        inputs.RelativeHumidityPercent = AmbientAnswering ? RelativeHumidityPercent : double.NaN;
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            var pump = i < p.Pumps.Length ? p.Pumps[i] : null;
            inputs.PumpFault[i] = pump?.Tripped ?? false;
            inputs.PumpSpeedFeedbackPercent[i] = pump?.SpeedPercent ?? 0;
        }

        for (var i = 0; i < CduInputs.LeakZoneCount; i++)
        {
            inputs.LeakZoneLevelPercent[i] = p.LeakZoneLevelPercent[i];
        }

        inputs.ReservoirLevelPercent = p.ReservoirLevelPercent;
    }

    public void WriteOutputs(CduOutputs outputs) => _commands.CopyFrom(outputs);

    /// <summary>Steps the plant under the last commands.</summary>
    public void StepPlant(double stepSeconds)
    {
        _stepSeconds = stepSeconds;
        _plant.Step(_commands.ValveCommandPercent, _commands.PumpRunCommand, _commands.PumpSpeedCommandPercent, _commands.IsolationValvesOpen, stepSeconds);
    }

    // y += h/(τ+h)·(T − y): the sensor's element follows the fluid with the thermowell's lag.
    private double Rtd(int channel, double celsius)
    {
        var last = _lagged[channel];
        var element = !double.IsNaN(last) && TemperatureLagSeconds > 0
            ? last + _stepSeconds / (TemperatureLagSeconds + _stepSeconds) * (celsius - last)
            : celsius;
        _lagged[channel] = element;
        return Apply(channel, element + Gaussian() * TemperatureNoiseKelvin, open: 850, shorted: -240);
    }

    // 4–20 mA: 4 mA = 0, 20 mA = span; a little noise (0.002 mA ≈ 0.01 % of span, enough to never look stuck).
    private double Loop(int channel, double value, double span) =>
        Apply(channel, 4 + 16 * Math.Clamp(value / span, -0.01, 1.03) + Gaussian() * 0.002, open: 0, shorted: 22.5);

    private double Apply(int channel, double raw, double open, double shorted)
    {
        var fault = _faults[channel];
        var value = fault is null ? raw : fault.Kind switch
        {
            SensorFaultKind.Stuck => _hasLastRaw[channel] ? _lastRaw[channel] : raw,
            SensorFaultKind.Offset => raw + fault.Amount,
            SensorFaultKind.Open => open,
            SensorFaultKind.Short => shorted,
            SensorFaultKind.Fixed => fault.Amount,
            SensorFaultKind.Drift => raw + (_drift[channel] += fault.Amount * _stepSeconds),
            _ => raw,
        };
        _lastRaw[channel] = value;
        _hasLastRaw[channel] = true;
        return value;
    }

    // Box–Muller, seeded: the same run gives the same noise.
    private double Gaussian()
    {
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
