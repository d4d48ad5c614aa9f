namespace Cooling.Hil.Kpis;

/// <summary>What one control cycle of a run shows the KPIs: the plant as a reference instrument sees it and the CDU's commands.</summary>
public readonly struct CycleSample
{
    /// <summary>Plant time at the start of the cycle, s.</summary>
    public double Seconds { get; init; }

    /// <summary>Secondary supply at the rack inlets (plant), °C.</summary>
    public double SupplyCelsius { get; init; }

    /// <summary>The setpoint the valve loop works on (ramped), °C.</summary>
    public double SetpointCelsius { get; init; }

    /// <summary>The target the setpoint ramps towards (request, fallback or dew-point limit), °C.</summary>
    public double TargetCelsius { get; init; }

    public double DewPointCelsius { get; init; }

    public double HottestGpuCelsius { get; init; }

    public double DeltaPressureKpa { get; init; }

    public double DeltaPressureSetpointKpa { get; init; }

    public double FlowLitersPerMinute { get; init; }

    public double ValveCommandPercent { get; init; }

    /// <summary>Speed command of the lead pump, % (NaN when it is not running).</summary>
    public double LeadPumpSpeedCommandPercent { get; init; }

    public int LeadPump { get; init; }

    public bool AnyPumpRunning { get; init; }

    public bool FlowProven { get; init; }

    public bool IsolationOpen { get; init; }

    public double PumpPowerWatts { get; init; }

    public double FacilityPowerWatts { get; init; }

    public bool Fallback { get; init; }

    public bool Degraded { get; init; }

    public bool Shutdown { get; init; }
}
