namespace Cooling.Hil.Kpis;

/// <summary>A KPI's name, unit and meaning.</summary>
public sealed record KpiDefinition(string Name, string Unit, string Meaning);

/// <summary>
/// Every KPI a run measures and a criterion may name. Window KPIs are computed every control cycle over the
/// criterion's window [fromSeconds, untilSeconds]; reaction KPIs are the worst (longest) reaction to a fault or
/// action injected in the window (∞ when the reaction never came); comparison KPIs need the baseline runs.
/// </summary>
public static class KpiCatalog
{
    public const string HottestGpuMaximumCelsius = "hottestGpuMaximumCelsius";
    public const string HottestGpuSecondsAbove85Celsius = "hottestGpuSecondsAbove85Celsius";
    public const string HottestGpuSecondsAbove87Celsius = "hottestGpuSecondsAbove87Celsius";
    public const string SupplyTemperatureIaeKelvinSeconds = "supplyTemperatureIaeKelvinSeconds";
    public const string SupplyTemperatureMaximumDeviationKelvin = "supplyTemperatureMaximumDeviationKelvin";
    public const string SupplyTemperatureSettlingSeconds = "supplyTemperatureSettlingSeconds";
    public const string DeltaPressureMaximumDeviationPercent = "deltaPressureMaximumDeviationPercent";
    public const string PumpEnergyKilowattHours = "pumpEnergyKilowattHours";
    public const string FacilityEnergyKilowattHours = "facilityEnergyKilowattHours";
    public const string CoolingEnergyKilowattHours = "coolingEnergyKilowattHours";
    public const string ValveTravelPercent = "valveTravelPercent";
    public const string PumpTravelPercent = "pumpTravelPercent";
    public const string ValveMaximumRatePercentPerSecond = "valveMaximumRatePercentPerSecond";
    public const string PumpMaximumRatePercentPerSecond = "pumpMaximumRatePercentPerSecond";
    public const string SetpointMaximumRateKelvinPerMinute = "setpointMaximumRateKelvinPerMinute";
    public const string DewPointMarginMinimumKelvin = "dewPointMarginMinimumKelvin";
    public const string FlowMinimumFraction = "flowMinimumFraction";
    public const string SupplySetpointMaximumCelsius = "supplySetpointMaximumCelsius";
    public const string SupplySetpointMinimumCelsius = "supplySetpointMinimumCelsius";
    public const string LeadPumpChanges = "leadPumpChanges";
    public const string FallbackModeFraction = "fallbackModeFraction";
    public const string DegradedModeFraction = "degradedModeFraction";
    public const string ShutdownModeFraction = "shutdownModeFraction";
    public const string PumpsStoppedFraction = "pumpsStoppedFraction";
    public const string AlarmsRaised = "alarmsRaised";
    public const string AlarmsCleared = "alarmsCleared";
    public const string CriticalAlarmsRaised = "criticalAlarmsRaised";
    public const string MessagesRejected = "messagesRejected";
    public const string AcknowledgedRequestFraction = "acknowledgedRequestFraction";
    public const string ActuatorDivergencePercent = "actuatorDivergencePercent";
    public const string PumpFailoverSeconds = "pumpFailoverSeconds";
    public const string LeakIsolationSeconds = "leakIsolationSeconds";
    public const string ReservoirStopSeconds = "reservoirStopSeconds";
    public const string SensorFaultDetectionSeconds = "sensorFaultDetectionSeconds";
    public const string SafeOutputSeconds = "safeOutputSeconds";
    public const string ManualTransferBumpPercent = "manualTransferBumpPercent";
    public const string SupervisorReactionSeconds = "supervisorReactionSeconds";
    public const string CoolingEnergySavingVersusFixedPercent = "coolingEnergySavingVersusFixedPercent";

    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new(HottestGpuMaximumCelsius, "°C", "hottest GPU die of every rack"),
        new(HottestGpuSecondsAbove85Celsius, "s", "time any GPU die was above 85 °C (87 °C max operating − 2 K)"),
        new(HottestGpuSecondsAbove87Celsius, "s", "time any GPU die was above 87 °C (max operating, Hopper SXM)"),
        new(SupplyTemperatureIaeKelvinSeconds, "K·s", "integral of |supply − working setpoint| (supply at the rack inlets, from the plant)"),
        new(SupplyTemperatureMaximumDeviationKelvin, "K", "largest |supply − working setpoint|"),
        new(SupplyTemperatureSettlingSeconds, "s", "time from the window's start until the supply stays within ±0.5 K of its working setpoint (0: never outside)"),
        new(DeltaPressureMaximumDeviationPercent, "%", "largest |ΔP − setpoint| / setpoint while the pumps run with flow proven"),
        new(PumpEnergyKilowattHours, "kWh", "electric energy of the secondary pumps"),
        new(FacilityEnergyKilowattHours, "kWh", "facility (chiller and facility pump) energy proxy for the heat rejected"),
        new(CoolingEnergyKilowattHours, "kWh", "pump + facility energy"),
        new(ValveTravelPercent, "%", "sum of |valve command moves| (actuator wear)"),
        new(PumpTravelPercent, "%", "sum of |lead pump speed command moves|"),
        new(ValveMaximumRatePercentPerSecond, "%/s", "fastest valve command move"),
        new(PumpMaximumRatePercentPerSecond, "%/s", "fastest speed command move of a pump that keeps running (starts and failovers are drive ramps)"),
        new(SetpointMaximumRateKelvinPerMinute, "K/min", "fastest change of the working supply setpoint"),
        new(DewPointMarginMinimumKelvin, "K", "smallest margin of the target and working supply setpoints above the CDU's dew point"),
        new(FlowMinimumFraction, "–", "lowest secondary flow / the flow at the window's start"),
        new(SupplySetpointMaximumCelsius, "°C", "highest target supply setpoint (what the CDU applies after its envelope)"),
        new(SupplySetpointMinimumCelsius, "°C", "lowest target supply setpoint"),
        new(LeadPumpChanges, "count", "times the lead pump changed (rotation or failover)"),
        new(FallbackModeFraction, "–", "share of control cycles in Fallback mode"),
        new(DegradedModeFraction, "–", "share of control cycles in Degraded mode"),
        new(ShutdownModeFraction, "–", "share of control cycles in Shutdown mode"),
        new(PumpsStoppedFraction, "–", "share of control cycles with every pump commanded off"),
        new(AlarmsRaised, "count", "alarms raised"),
        new(AlarmsCleared, "count", "alarms cleared"),
        new(CriticalAlarmsRaised, "count", "critical alarms raised"),
        new(MessagesRejected, "count", "messages the CDU rejected and counted"),
        new(AcknowledgedRequestFraction, "–", "share of setpoint requests delivered in the window acknowledged as accepted or clamped (1 when none)"),
        new(ActuatorDivergencePercent, "%", "largest difference of any actuator command from a lockstep twin run without the communication faults"),
        new(PumpFailoverSeconds, "s", "from a pump fault until the standby runs and flow is ≥ 90 % of the flow before"),
        new(LeakIsolationSeconds, "s", "from a critical leak until every pump is off and the isolation valves are closed"),
        new(ReservoirStopSeconds, "s", "from reservoir low-low until every pump is off"),
        new(SensorFaultDetectionSeconds, "s", "from a sensor fault until the CDU flags the channel"),
        new(SafeOutputSeconds, "s", "from the last control cycle of a hang until the outputs are safe"),
        new(ManualTransferBumpPercent, "%", "valve command move in the first cycle after a manual → automatic transfer"),
        new(SupervisorReactionSeconds, "s", "from the first rack telemetry that shows an IT load step until the supervisor's next setpoint request"),
        new(CoolingEnergySavingVersusFixedPercent, "%", "cooling energy saved against the fixed-setpoint baseline run of the same scenario"),
    ];

    public static IReadOnlySet<string> Names { get; } = All.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

    public static KpiDefinition Get(string name) => All.First(k => k.Name == name);
}
