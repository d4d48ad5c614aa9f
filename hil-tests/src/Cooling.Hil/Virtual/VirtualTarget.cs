using Cooling.Hil.Golden;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Virtual;

/// <summary>
/// The virtual-CDU target: the firmware host as its own process on a real broker, the plant played over the HIL
/// I/O topics. What a scenario needs that only the in-process SIL target can give makes the scenario not applicable
/// here, with the reason — it is reported as such, never run half and never counted as passed.
/// </summary>
public static class VirtualTarget
{
    public const string Name = "virtual";

    /// <summary>
    /// KPIs this target does not measure (not measured in its results): the actuator divergence needs the in-process
    /// lockstep twin lane; the setpoint's rate needs the ramped setpoint every cycle, which the rig sees in 1 Hz telemetry.
    /// </summary>
    public static readonly IReadOnlySet<string> UnmeasuredKpis = new HashSet<string>(StringComparer.Ordinal)
    {
        KpiCatalog.ActuatorDivergencePercent, KpiCatalog.SetpointMaximumRateKelvinPerMinute,
    };

    /// <summary>
    /// The KPIs of a lockstep run against the scenario's golden results (kept from SIL), except those this target does
    /// not measure. In lockstep the rig and the CDU run the SIL target's periods and the KPIs agree closely — within the
    /// SIL tolerances for 27 of the 28 applicable library scenarios; a load-following planner, which sees the CDU's
    /// contract-rounded telemetry here, moved one pump-rate KPI just beyond its — so this is evidence of the rig's
    /// fidelity for tests and engineers, not a gate of <c>cooling-hil run</c>.
    /// </summary>
    public static IReadOnlyList<GoldenDeviation> CompareWithGolden(ScenarioResult result) =>
        [.. GoldenStore.Compare(result).Where(d => !UnmeasuredKpis.Contains(d.Kpi))];

    /// <summary>Why <paramref name="scenario"/> cannot run on this target (empty: it can).</summary>
    public static IReadOnlyList<string> NotApplicableReasons(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var reasons = new List<string>();
        foreach (var kind in scenario.Faults.Select(f => f.Kind).Distinct(StringComparer.Ordinal))
        {
            switch (kind)
            {
                case "controllerHang":
                    reasons.Add("fault controllerHang stops the control cycle inside the firmware's process; a separate process offers no way in");
                    break;
                case "brokerOutage":
                    reasons.Add("fault brokerOutage: the HIL I/O topics share the CDU's one broker, so an outage also takes the plant's sensor scans away and the CDU goes to its safe state (docs/hil-io.md, stale data is a fault) instead of controlling on");
                    break;
            }
        }

        foreach (var kpi in scenario.Criteria.Select(c => c.Kpi).Distinct(StringComparer.Ordinal))
        {
            switch (kpi)
            {
                case KpiCatalog.ActuatorDivergencePercent:
                    reasons.Add($"criterion {kpi} compares the actuators with a lockstep twin lane that runs in the same process");
                    break;
                case KpiCatalog.SetpointMaximumRateKelvinPerMinute:
                    reasons.Add($"criterion {kpi} needs the ramped setpoint every control cycle; over MQTT it is seen in the 1 Hz telemetry only");
                    break;
                case KpiCatalog.CoolingEnergySavingVersusFixedPercent:
                    reasons.Add($"criterion {kpi} needs the baseline planners run side by side, which the SIL target does");
                    break;
                case KpiCatalog.DewPointMarginMinimumKelvin:
                    reasons.Add($"criterion {kpi}: the CDU's dew point reaches the rig in telemetry to 0.1 °C, and the firmware holds its target exactly at dew point + margin, so the rounding alone would decide the verdict");
                    break;
                case KpiCatalog.SafeOutputSeconds:
                    reasons.Add($"criterion {kpi} measures the reaction to a control-cycle hang, which is injected in process");
                    break;
            }
        }

        if (scenario.Initial.PumpRunHours.Count > 0)
        {
            reasons.Add("initial.pumpRunHours are set on the firmware's pump table in process; the virtual CDU starts with its stored run hours");
        }

        return reasons;
    }
}
