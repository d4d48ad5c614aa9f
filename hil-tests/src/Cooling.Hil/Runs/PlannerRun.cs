using Cooling.Hil.Kpis;
using Cooling.Hil.Supervision;

namespace Cooling.Hil.Runs;

/// <summary>A scenario's run with one planner: its KPI windows, reactions, trace, requests and event log.</summary>
public sealed record PlannerRun(
    string Planner,
    IReadOnlyList<KpiWindow> Windows,
    IReadOnlyList<Reaction> Reactions,
    IReadOnlyList<TracePoint> Trace,
    IReadOnlyList<RequestRecord> Requests,
    IReadOnlyList<string> Log)
{
    /// <summary>Every KPI over the whole run (reaction KPIs: the worst reaction; NaN when nothing was measured).</summary>
    public IReadOnlyDictionary<string, double> Kpis => Measure(0, Windows[0].UntilSeconds);

    /// <summary>Every KPI over [<paramref name="from"/>, <paramref name="until"/>] (a criterion's window).</summary>
    public Dictionary<string, double> Measure(double from, double until)
    {
        var window = Windows.First(w => w.FromSeconds == from && w.UntilSeconds == until);
        var values = window.Values();
        foreach (var kpi in Reactions.Select(r => r.Kpi).Distinct())
        {
            var inWindow = Reactions.Where(r => r.Kpi == kpi && r.StartSeconds >= from - 1e-9 && r.StartSeconds <= until).ToList();
            values[kpi] = inWindow.Count > 0 ? inWindow.Max(r => r.Seconds) : double.NaN;
        }

        var sent = Requests.Where(r => r.Delivered && r.SentAtSeconds >= from && r.SentAtSeconds <= until).ToList();
        values[KpiCatalog.AcknowledgedRequestFraction] = sent.Count > 0 ? sent.Count(r => r.Status is "accepted" or "clamped") / (double)sent.Count : 1;
        foreach (var name in KpiCatalog.Names)
        {
            values.TryAdd(name, double.NaN);
        }

        return values;
    }
}
