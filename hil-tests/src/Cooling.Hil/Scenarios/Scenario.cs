namespace Cooling.Hil.Scenarios;

/// <summary>A certification scenario, as written in hil-tests/scenarios/*.json (format: hil-tests/README.md).</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Free labels for selecting scenarios (<c>cooling-hil run --tag fault</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Requirement IDs this scenario verifies (docs/requirements.md).</summary>
    public required IReadOnlyList<string> Requirements { get; init; }

    /// <summary>Seed of every random choice (sensor noise, GPU spread, workload noise); the command line may replace it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Plant time simulated, s.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Equipment of the CDU's loop; null: the reference loop.</summary>
    public PlantSpec Plant { get; init; } = new();

    /// <summary>The white space around the CDU: ambient air.</summary>
    public HallSpec Hall { get; init; } = new();

    public InitialSpec Initial { get; init; } = new();

    /// <summary>Firmware parameters that differ from the defaults, by name (docs/firmware-parameters.md).</summary>
    public IReadOnlyDictionary<string, double> Firmware { get; init; } = new Dictionary<string, double>();

    public required WorkloadSpec Workload { get; init; }

    public IReadOnlyList<DisturbanceSpec> Disturbances { get; init; } = [];

    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>Operator commands at given times (reset, manual, automatic).</summary>
    public IReadOnlyList<OperatorActionSpec> Operator { get; init; } = [];

    /// <summary>The supervisor; null runs the CDU on its local setpoints.</summary>
    public SupervisorSpec? Supervisor { get; init; }

    public required IReadOnlyList<Criterion> Criteria { get; init; }

    /// <summary>Where the scenario was loaded from (not part of the file).</summary>
    public string Source { get; init; } = "";
}

/// <summary>The loop's equipment; every field optional (the reference ≈ 500 kW loop of models/ otherwise).</summary>
public sealed record PlantSpec
{
    /// <summary>Racks on the CDU's loop (1 … 64), 72 GPUs each.</summary>
    public int Racks { get; init; } = 4;

    /// <summary>"pg25" (25 % propylene glycol) or "water".</summary>
    public string Coolant { get; init; } = "pg25";

    /// <summary>Pumps in parallel (N+1), 1 … 4.</summary>
    public int Pumps { get; init; } = 2;

    /// <summary>Facility water supply temperature at the start, °C.</summary>
    public double FacilitySupplyCelsius { get; init; } = 24;

    /// <summary>A mechanical stop on the facility valve, % open: the plant's valve never opens further whatever it is commanded.</summary>
    public double ValveTravelLimitPercent { get; init; } = 100;
}

/// <summary>Ambient air at the CDU (for its dew-point guard).</summary>
public sealed record HallSpec
{
    public double AmbientTemperatureCelsius { get; init; } = 24;

    public double RelativeHumidityPercent { get; init; } = 45;
}

/// <summary>State at t = 0.</summary>
public sealed record InitialSpec
{
    /// <summary>Uniform coolant temperature, °C.</summary>
    public double CoolantCelsius { get; init; } = 27;

    public double ReservoirLevelPercent { get; init; } = 80;

    /// <summary>Run hours per pump (pump 1 first); empty: all zero.</summary>
    public IReadOnlyList<double> PumpRunHours { get; init; } = [];

    /// <summary>
    /// Plant time run before t = 0 under the workload's and supervisor's state at t = 0 (start-up done, loops settled);
    /// nothing of it is recorded. 0: the scenario starts with the CDU's power-up.
    /// </summary>
    public double SettleSeconds { get; init; }
}

/// <summary>
/// GPU utilization of the racks (0 … 1). Kinds: constant, step, steps, ramp, training, inference, csv, mixed; the
/// fields each kind reads are listed in hil-tests/README.md.
/// </summary>
public sealed record WorkloadSpec
{
    public required string Kind { get; init; }

    public double Utilization { get; init; }

    public double From { get; init; }

    public double To { get; init; }

    public double AtSeconds { get; init; }

    public double OverSeconds { get; init; }

    public double Low { get; init; }

    public double High { get; init; }

    public double PeriodSeconds { get; init; }

    /// <summary>steps: racks shifted by 1/8 period each (true) or all together.</summary>
    public bool Staggered { get; init; } = true;

    /// <summary>training: a checkpoint pause (utilization <see cref="Low"/>·0) every this many seconds (0: none).</summary>
    public double CheckpointEverySeconds { get; init; }

    public double CheckpointSeconds { get; init; }

    /// <summary>training: the job runs from here …</summary>
    public double StartSeconds { get; init; }

    /// <summary>… to here (null: to the end); idle otherwise.</summary>
    public double? StopSeconds { get; init; }

    /// <summary>Utilization while idle (training outside its job, inference at its trough).</summary>
    public double Idle { get; init; } = 0.05;

    /// <summary>inference: daily trough and peak utilization and the hour of the peak (the scenario starts at midnight).</summary>
    public double Trough { get; init; }

    public double Peak { get; init; }

    public double PeakHour { get; init; } = 15;

    /// <summary>inference: ± seeded noise on each rack, 0 … 0.5, changing every <see cref="PeriodSeconds"/> (default 60 s).</summary>
    public double Noise { get; init; }

    /// <summary>training: share of each swing period at <see cref="High"/> (0 … 1).</summary>
    public double HighFraction { get; init; } = 0.5;

    /// <summary>csv: a rack trace relative to the scenario (header timeSeconds,&lt;rack&gt;,…; rack r reads column r modulo the columns).</summary>
    public string? File { get; init; }

    /// <summary>csv: what the columns hold: utilizationPercent (0 … 100) or rackPowerWatts.</summary>
    public string Values { get; init; } = "utilizationPercent";

    /// <summary>mixed: which racks run which workload.</summary>
    public IReadOnlyList<WorkloadPart> Parts { get; init; } = [];
}

/// <summary>Racks (1-based) and the workload they run.</summary>
public sealed record WorkloadPart
{
    public required IReadOnlyList<int> Racks { get; init; }

    public required WorkloadSpec Workload { get; init; }
}

/// <summary>
/// A change of the plant's surroundings: facilityWater (facility supply temperature ramps to <see cref="ToCelsius"/>
/// over <see cref="OverSeconds"/>), humidity (ambient temperature and humidity), systemResistance (the loop's system
/// curve × <see cref="Factor"/>), pumpSlowdown (the lead pump's speed drops by <see cref="Fraction"/> at once).
/// </summary>
public sealed record DisturbanceSpec
{
    public required string Kind { get; init; }

    public required double AtSeconds { get; init; }

    public double ToCelsius { get; init; }

    public double OverSeconds { get; init; }

    public double? AmbientTemperatureCelsius { get; init; }

    public double? RelativeHumidityPercent { get; init; }

    public double Factor { get; init; } = 1;

    public double Fraction { get; init; }
}

/// <summary>
/// A fault injected at <see cref="AtSeconds"/>: pumpTrip, pumpSeize, sensor, leak, reservoirLow, brokerOutage,
/// supervisorCrash, leaseLoss, malformedBurst, controllerHang. Fields per kind: hil-tests/README.md.
/// </summary>
public sealed record FaultSpec
{
    public required string Kind { get; init; }

    public required double AtSeconds { get; init; }

    /// <summary>pumpTrip/pumpSeize: "lead", "standby" or a pump number (1-based).</summary>
    public string Pump { get; init; } = "lead";

    /// <summary>sensor: the channel (supply1 … supply3, return, facilitySupply, facilityReturn, deltaPressure, flow, filterDeltaPressure).</summary>
    public string? Channel { get; init; }

    /// <summary>sensor: stuck, drift, open, short, offset, fixed.</summary>
    public string? Fault { get; init; }

    /// <summary>sensor: drift rate per second, offset or fixed value in the channel's raw unit.</summary>
    public double Amount { get; init; }

    /// <summary>leak: zone 1 … 4.</summary>
    public int Zone { get; init; }

    /// <summary>leak: wetness of the zone, %; reservoirLow: the level it falls to, %.</summary>
    public double LevelPercent { get; init; }

    /// <summary>brokerOutage, supervisorCrash, leaseLoss, controllerHang: how long it lasts, s (null: to the end).</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Sensor, leak, reservoir, pump faults: when they clear, s (null: never).</summary>
    public double? ClearAtSeconds { get; init; }

    /// <summary>malformedBurst: how many messages, over which topic (setpointRequest, command, config).</summary>
    public int Count { get; init; }

    public string Topic { get; init; } = "setpointRequest";
}

/// <summary>An operator command at a given time: reset, manual (actuator valve, <see cref="ValuePercent"/>), automatic.</summary>
public sealed record OperatorActionSpec
{
    public required double AtSeconds { get; init; }

    public required string Command { get; init; }

    public string Actuator { get; init; } = "valve";

    public double ValuePercent { get; init; }
}

/// <summary>The supervisor: its planner, its leases, and when it stops.</summary>
public sealed record SupervisorSpec
{
    /// <summary>none, fixed, trim-and-respond or model-based.</summary>
    public string Planner { get; init; } = "fixed";

    /// <summary>The fixed planner's setpoint, and the other planners' starting point, °C.</summary>
    public double SupplyTemperatureCelsius { get; init; } = 30;

    public int LeaseSeconds { get; init; } = 30;

    public int RenewalSeconds { get; init; } = 10;

    /// <summary>Plant time at which the supervisor goes silent for good, s; null: never.</summary>
    public double? StopAtSeconds { get; init; }

    /// <summary>Run the other planners side by side on the same scenario and report the differences (default true).</summary>
    public bool Baselines { get; init; } = true;
}

/// <summary>A pass/fail criterion on one KPI over a window of plant time, traced to a requirement.</summary>
public sealed record Criterion
{
    public required string Requirement { get; init; }

    /// <summary>A KPI name from <see cref="Kpis.KpiCatalog"/>.</summary>
    public required string Kpi { get; init; }

    /// <summary>Start of the window, s of plant time.</summary>
    public double FromSeconds { get; init; }

    /// <summary>End of the window, s (null: the end of the run).</summary>
    public double? UntilSeconds { get; init; }

    public double? Maximum { get; init; }

    public double? Minimum { get; init; }

    /// <summary>One line for reports: what the criterion checks, in words.</summary>
    public string Text { get; init; } = "";
}
