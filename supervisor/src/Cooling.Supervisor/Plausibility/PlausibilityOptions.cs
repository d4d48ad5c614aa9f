namespace Cooling.Supervisor.Plausibility;

/// <summary>
/// How the supervisor judges whether CDU and rack telemetry agree with physics (docs/planner.md, "Telemetry the planner
/// trusts"). The tolerances come from the accuracy of the sensors that produce the values: an RTD of IEC 60751 class A
/// reads within ±(0.15 K + 0.002·|t|); an electromagnetic flowmeter within ±1 % of reading (typical datasheets give
/// 0.5 %, the rest covers installation); a rack's reported heat into the liquid within ±5 % (GPU power by NVML is good
/// to ±5 % per the DCGM documentation; the rest of the rack's load is estimated).
/// </summary>
public sealed record PlausibilityOptions
{
    /// <summary>The secondary coolant, as in plant files: "PG25" (25 % propylene glycol, the reference loop) or "water".</summary>
    public string Coolant { get; init; } = "PG25";

    /// <summary>RTD tolerance, constant part, K (IEC 60751 class A: 0.15 K).</summary>
    public double RtdToleranceKelvin { get; init; } = 0.15;

    /// <summary>RTD tolerance, part proportional to the temperature in °C (IEC 60751 class A: 0.002).</summary>
    public double RtdToleranceFractionOfCelsius { get; init; } = 0.002;

    /// <summary>Secondary flowmeter accuracy, % of reading.</summary>
    public double FlowAccuracyPercent { get; init; } = 1.0;

    /// <summary>Accuracy of the racks' reported heat into the liquid, % of reading.</summary>
    public double RackPowerAccuracyPercent { get; init; } = 5.0;

    /// <summary>
    /// How far back the loop's return may still carry heat the racks delivered, s: the return temperature must lie within
    /// what the racks' powers over this window imply. The reference loop (840 L at 800 L/min) carries 99 % of a step's
    /// effect through in about 120 s; a loop with more volume or less flow needs a longer window.
    /// </summary>
    public double LoopMemorySeconds { get; init; } = 180;

    /// <summary>A CDU's telemetry contradicting its heat balance for this long (every message) is implausible, s.</summary>
    public double DwellSeconds { get; init; } = 30;

    /// <summary>An implausible CDU is trusted again after its telemetry agrees with the balance for this long, s.</summary>
    public double ClearDwellSeconds { get; init; } = 60;

    /// <summary>A rack's messages contradicting physics for this long raise RackTelemetryImplausible, s (each such message is left out of planning at once).</summary>
    public double RackAlarmDwellSeconds { get; init; } = 5;

    /// <summary>Below this secondary flow the balance is not judged (the pumps are stopped or starting), L/min.</summary>
    public double MinimumFlowLitersPerMinute { get; init; } = 50;

    /// <summary>Below this facility valve position the facility water does not flow and its temperatures are not judged, %.</summary>
    public double MinimumValvePositionPercent { get; init; } = 2;

    /// <summary>A rack whose outlet reads below its inlet while it reports at least this heat contradicts physics, W.</summary>
    public double RackHeatThresholdWatts { get; init; } = 5000;

    /// <summary>Accuracy of a GPU's die temperature as the rack reports it, K (NVML reports whole degrees; on-die diodes are good to ±2 K).</summary>
    public double GpuTemperatureToleranceKelvin { get; init; } = 3;

    /// <summary>The problems of these settings, each naming the setting under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var errors = new List<string>();
        if (Cooling.Models.Coolant.Coolant.FromName(Coolant) is null) errors.Add($"{section}:Coolant must be \"PG25\" or \"water\" (got \"{Coolant}\").");
        if (!(RtdToleranceKelvin is >= 0 and <= 5)) errors.Add($"{section}:RtdToleranceKelvin must be 0 … 5 (got {RtdToleranceKelvin}).");
        if (!(RtdToleranceFractionOfCelsius is >= 0 and <= 0.05)) errors.Add($"{section}:RtdToleranceFractionOfCelsius must be 0 … 0.05 (got {RtdToleranceFractionOfCelsius}).");
        if (!(FlowAccuracyPercent is >= 0 and <= 50)) errors.Add($"{section}:FlowAccuracyPercent must be 0 … 50 (got {FlowAccuracyPercent}).");
        if (!(RackPowerAccuracyPercent is >= 0 and <= 50)) errors.Add($"{section}:RackPowerAccuracyPercent must be 0 … 50 (got {RackPowerAccuracyPercent}).");
        if (!(LoopMemorySeconds is >= 10 and <= 3600)) errors.Add($"{section}:LoopMemorySeconds must be 10 … 3600 (got {LoopMemorySeconds}).");
        if (!(DwellSeconds is >= 0 and <= 3600)) errors.Add($"{section}:DwellSeconds must be 0 … 3600 (got {DwellSeconds}).");
        if (!(ClearDwellSeconds is >= 0 and <= 3600)) errors.Add($"{section}:ClearDwellSeconds must be 0 … 3600 (got {ClearDwellSeconds}).");
        if (!(RackAlarmDwellSeconds is >= 0 and <= 3600)) errors.Add($"{section}:RackAlarmDwellSeconds must be 0 … 3600 (got {RackAlarmDwellSeconds}).");
        if (!(MinimumFlowLitersPerMinute is > 0 and <= 100_000)) errors.Add($"{section}:MinimumFlowLitersPerMinute must be above 0 (got {MinimumFlowLitersPerMinute}).");
        if (!(MinimumValvePositionPercent is >= 0 and <= 100)) errors.Add($"{section}:MinimumValvePositionPercent must be 0 … 100 (got {MinimumValvePositionPercent}).");
        if (!(RackHeatThresholdWatts is >= 0)) errors.Add($"{section}:RackHeatThresholdWatts must be at least 0 (got {RackHeatThresholdWatts}).");
        if (!(GpuTemperatureToleranceKelvin is >= 0 and <= 20)) errors.Add($"{section}:GpuTemperatureToleranceKelvin must be 0 … 20 (got {GpuTemperatureToleranceKelvin}).");
        return errors;
    }

    /// <summary>The RTD tolerance at <paramref name="celsius"/>, K: a + b·|t|.</summary>
    public double RtdToleranceAt(double celsius) => RtdToleranceKelvin + RtdToleranceFractionOfCelsius * Math.Abs(celsius);
}
