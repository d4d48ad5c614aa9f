namespace Cooling.Supervisor.Alarms;

/// <summary>
/// The supervisor's alarm thresholds (requirement OPS-1, docs/requirements.md). Defaults: GPU limits from Hopper SXM (nvidia-smi: max operating 87 °C,
/// memory max 95 °C), supply deviation and start-up suppression after the Lenovo RM100 defaults the firmware uses.
/// </summary>
public sealed class AlarmOptions
{
    /// <summary>After the supervisor starts, threshold and link alarms are held back this long, s (their conditions are timed meanwhile).</summary>
    public double StartupSuppressionSeconds { get; set; } = 120;

    /// <summary>How often the alarm rules run over the hall, s.</summary>
    public double EvaluationPeriodSeconds { get; set; } = 1;

    /// <summary>Each GPU's die temperature, °C (an alarm per GPU).</summary>
    public ThresholdAlarmOptions GpuTemperatureCelsius { get; set; } = new() { Caution = 83, Critical = 87, Hysteresis = 2, DwellSeconds = 5, ClearDwellSeconds = 10 };

    /// <summary>Each GPU's memory temperature, °C (an alarm per GPU).</summary>
    public ThresholdAlarmOptions GpuMemoryTemperatureCelsius { get; set; } = new() { Caution = 90, Critical = 95, Hysteresis = 2, DwellSeconds = 5, ClearDwellSeconds = 10 };

    /// <summary>
    /// Throttling GPUs: each GPU reporting a throttle reason raises its own GpuThrottled (Warning) after the dwell
    /// (per GPU the count is 1 or 0; <see cref="ThresholdAlarmOptions.Caution"/> is not used); <see cref="ThresholdAlarmOptions.Critical"/>
    /// throttling GPUs in one rack at once raise GpuThrottledCritical on the rack.
    /// </summary>
    public ThresholdAlarmOptions ThrottledGpus { get; set; } = new() { Caution = 1, Critical = 8, Hysteresis = 0, DwellSeconds = 5, ClearDwellSeconds = 10 };

    /// <summary>Rack coolant inlet temperature, °C (ASHRAE W45 tops out at 45 °C).</summary>
    public ThresholdAlarmOptions RackInletTemperatureCelsius { get; set; } = new() { Caution = 40, Critical = 45, Hysteresis = 1, DwellSeconds = 30, ClearDwellSeconds = 30 };

    /// <summary>Rack coolant outlet temperature, °C.</summary>
    public ThresholdAlarmOptions RackOutletTemperatureCelsius { get; set; } = new() { Caution = 55, Critical = 60, Hysteresis = 1, DwellSeconds = 30, ClearDwellSeconds = 30 };

    /// <summary>A CDU's supply temperature off the setpoint it works on (either way), K.</summary>
    public ThresholdAlarmOptions CduSupplyDeviationKelvin { get; set; } = new() { Caution = 1, Critical = 2, Hysteresis = 0.5, DwellSeconds = 60, ClearDwellSeconds = 10 };

    /// <summary>No supply-deviation alarm while a CDU's uptime is below this, s (matches the firmware's startup.alarmSuppressionSeconds).</summary>
    public double CduStartupSuppressionSeconds { get; set; } = 1200;

    /// <summary>A CDU whose telemetry (1 Hz) is older than this is not judged on it (supply deviation, its listed alarms hold), s. CduTelemetryStale follows Cooling:Supervisor:SilenceSeconds.</summary>
    public double CduTelemetryStaleSeconds { get; set; } = 5;

    /// <summary>A rack whose telemetry (1 Hz) is older than this is silent: RackTelemetryStale, s.</summary>
    public double RackTelemetryStaleSeconds { get; set; } = 10;

    /// <summary>The problems of these settings, each naming the setting under <paramref name="section"/> (e.g. "Cooling:Alarms").</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var errors = new List<string>();
        if (!(StartupSuppressionSeconds is >= 0 and <= 86_400)) errors.Add($"{section}:StartupSuppressionSeconds must be 0 … 86400 (got {StartupSuppressionSeconds}).");
        if (!(EvaluationPeriodSeconds is >= 0.1 and <= 60)) errors.Add($"{section}:EvaluationPeriodSeconds must be 0.1 … 60 (got {EvaluationPeriodSeconds}).");
        if (!(CduStartupSuppressionSeconds is >= 0 and <= 86_400)) errors.Add($"{section}:CduStartupSuppressionSeconds must be 0 … 86400 (got {CduStartupSuppressionSeconds}).");
        if (!(CduTelemetryStaleSeconds is >= 1 and <= 3600)) errors.Add($"{section}:CduTelemetryStaleSeconds must be 1 … 3600 (got {CduTelemetryStaleSeconds}).");
        if (!(RackTelemetryStaleSeconds is >= 1 and <= 3600)) errors.Add($"{section}:RackTelemetryStaleSeconds must be 1 … 3600 (got {RackTelemetryStaleSeconds}).");
        errors.AddRange(GpuTemperatureCelsius.Validate($"{section}:{nameof(GpuTemperatureCelsius)}"));
        errors.AddRange(GpuMemoryTemperatureCelsius.Validate($"{section}:{nameof(GpuMemoryTemperatureCelsius)}"));
        errors.AddRange(ThrottledGpus.Validate($"{section}:{nameof(ThrottledGpus)}"));
        errors.AddRange(RackInletTemperatureCelsius.Validate($"{section}:{nameof(RackInletTemperatureCelsius)}"));
        errors.AddRange(RackOutletTemperatureCelsius.Validate($"{section}:{nameof(RackOutletTemperatureCelsius)}"));
        errors.AddRange(CduSupplyDeviationKelvin.Validate($"{section}:{nameof(CduSupplyDeviationKelvin)}"));
        return errors;
    }
}
