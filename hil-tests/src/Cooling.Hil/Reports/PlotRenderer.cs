using Cooling.Hil.Runs;
using ScottPlot;

namespace Cooling.Hil.Reports;

/// <summary>The report's plots as PNG (ScottPlot 5): temperatures, ΔP and flow, actuators, power; and power by planner.</summary>
public static class PlotRenderer
{
    public const int Width = 960;
    public const int Height = 320;

    public static byte[] Temperatures(IReadOnlyList<TracePoint> trace) => Render("Temperatures", "°C", trace,
        ("supply", t => t.SupplyCelsius), ("setpoint", t => t.SetpointCelsius), ("return", t => t.ReturnCelsius),
        ("facility supply", t => t.FacilitySupplyCelsius), ("hottest GPU", t => t.HottestGpuCelsius));

    public static byte[] Hydraulics(IReadOnlyList<TracePoint> trace) => Render("ΔP and flow", "kPa | L/min ÷ 10", trace,
        ("ΔP kPa", t => t.DeltaPressureKpa), ("flow L/min ÷ 10", t => t.FlowLitersPerMinute / 10));

    public static byte[] Actuators(IReadOnlyList<TracePoint> trace) => Render("Actuators", "%", trace,
        ("valve command", t => t.ValveCommandPercent), ("valve position", t => t.ValvePositionPercent),
        ("pump 1 speed", t => t.Pump1SpeedPercent), ("pump 2 speed", t => t.Pump2SpeedPercent));

    public static byte[] Power(IReadOnlyList<TracePoint> trace) => Render("Power", "kW", trace,
        ("IT heat", t => t.ItPowerKilowatts), ("pumps", t => t.PumpPowerKilowatts), ("facility (proxy)", t => t.FacilityPowerKilowatts));

    /// <summary>Pump + facility power of each planner's run, on one time axis.</summary>
    public static byte[] PowerByPlanner(IReadOnlyList<PlannerRun> runs)
    {
        using var plot = new Plot();
        foreach (var run in runs)
        {
            var (xs, unit) = TimeAxis(run.Trace);
            var line = plot.Add.ScatterLine(xs, [.. run.Trace.Select(t => t.PumpPowerKilowatts + t.FacilityPowerKilowatts)]);
            line.LegendText = run.Planner;
            plot.XLabel($"plant time, {unit}");
        }

        plot.Title("Cooling power (pumps + facility proxy) by planner");
        plot.YLabel("kW");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static byte[] Render(string title, string unit, IReadOnlyList<TracePoint> trace, params (string Label, Func<TracePoint, double> Value)[] series)
    {
        using var plot = new Plot();
        var (xs, timeUnit) = TimeAxis(trace);
        foreach (var (label, value) in series)
        {
            var line = plot.Add.ScatterLine(xs, [.. trace.Select(value)]);
            line.LegendText = label;
        }

        plot.Title(title);
        plot.XLabel($"plant time, {timeUnit}");
        plot.YLabel(unit);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static (double[] Xs, string Unit) TimeAxis(IReadOnlyList<TracePoint> trace)
    {
        var last = trace.Count > 0 ? trace[^1].Seconds : 0;
        var (divisor, unit) = last > 4 * 3600 ? (3600.0, "h") : last > 1200 ? (60.0, "min") : (1.0, "s");
        return ([.. trace.Select(t => t.Seconds / divisor)], unit);
    }
}
