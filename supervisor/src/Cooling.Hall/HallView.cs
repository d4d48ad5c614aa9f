using System.Globalization;
using Cooling.Supervisor.State;
using Spectre.Console;
using Spectre.Console.Rendering;
using Cooling.Mqtt.Connection;

namespace Cooling.Hall;

/// <summary>
/// The live terminal view of a running hall, drawn from what the supervisor has received over MQTT:
/// each rack's hottest GPU, each CDU's supply temperature against its setpoint, valve position, the last
/// setpoint request and its acknowledgement, and recent warnings.
/// </summary>
public static class HallView
{
    public static IRenderable Render(RunningHall hall, RecentLog log, TimeSpan wallTime)
    {
        var supervisor = hall.Supervisor;
        var header = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]Cooling hall[/] [grey]{Markup.Escape(hall.Twin.SiteId)} · broker {Markup.Escape(hall.BrokerAddress.ToString())} · plant time {hall.Twin.PlantTime:hh\\:mm\\:ss} · wall {wallTime:hh\\:mm\\:ss} · planner {supervisor.Coordinator.Planner.Name} · Ctrl+C stops[/]"));

        var racks = new Table().Title("Racks").Border(TableBorder.Rounded)
            .AddColumns("rack", "hottest GPU °C", "GPU #", "memory °C", "power kW", "inlet °C", "outlet °C", "flow L/min", "throttled");
        foreach (var rack in supervisor.Hall.Racks)
        {
            var t = rack.Telemetry;
            racks.AddRow(rack.RackId, Hot(t.HottestGpuTemperatureCelsius), t.HottestGpuIndex.ToString(CultureInfo.InvariantCulture),
                F(t.HottestMemoryTemperatureCelsius), F(t.PowerWatts / 1000), F(t.InletTemperatureCelsius), F(t.OutletTemperatureCelsius),
                F(t.FlowLitersPerMinute, "F0"), t.ThrottledGpuCount == 0 ? "0" : $"[red]{t.ThrottledGpuCount}[/]");
        }

        var cdus = new Table().Title("CDUs").Border(TableBorder.Rounded)
            .AddColumns("cdu", "mode", "supply °C", "setpoint °C", "target °C", "valve %", "flow L/min", "return °C", "request", "acknowledgement", "lease s", "alarms");
        foreach (var cdu in supervisor.Hall.Cdus)
        {
            cdus.AddRow(CduRow(cdu));
        }

        var status = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[grey]received {supervisor.Ingestor.Accepted} · rejected {supervisor.Rejections.Total} · requests {supervisor.Coordinator.RequestsSent} · acks {supervisor.Coordinator.AcknowledgementsReceived} · stored {hall.Store.Written}[/]"));
        var rows = new List<IRenderable> { header, racks, cdus, status };
        foreach (var line in log.Lines)
        {
            rows.Add(new Markup($"[yellow]{Markup.Escape(line)}[/]"));
        }

        return new Rows(rows);
    }

    private static string[] CduRow(CduView view)
    {
        var cdu = view.Snapshot();
        {
            var t = cdu.Telemetry;
            var request = cdu.LastRequest is { } r ? string.Create(CultureInfo.InvariantCulture, $"…{r.Sequence % 100000:D5} {r.SupplyTemperatureCelsius:F1} °C") : "–";
            var ack = cdu.LastAcknowledgement is { } a
                ? string.Create(CultureInfo.InvariantCulture, $"…{a.Sequence % 100000:D5} {a.Status} {a.AppliedSupplyTemperatureCelsius:F1} °C")
                : "–";
            if (cdu.AcknowledgementOverdue) ack = $"[red]overdue[/] {ack}";
            else if (cdu.LastAcknowledgement?.Status == "rejected") ack = $"[red]{Markup.Escape(ack)}[/]";
            var mode = cdu.Online ? t?.Mode ?? "–" : "[red]offline[/]";
            return t is null
                ? [cdu.CduId, mode, "–", "–", "–", "–", "–", "–", request, ack, "–", "–"]
                : [cdu.CduId, mode, F(t.SupplyTemperatureCelsius), F(t.SupplyTemperatureSetpointCelsius), F(t.SupplyTemperatureTargetCelsius),
                    F(t.ValvePositionPercent, "F1"), F(t.FlowLitersPerMinute, "F0"), F(t.ReturnTemperatureCelsius), request, ack,
                    F(t.LeaseRemainingSeconds, "F0"), Alarms(t)];
        }
    }

    // The CDU's active alarms, critical ones in red: "none" when it reports none.
    private static string Alarms(Supervisor.Contract.CduTelemetry t) => t.ActiveAlarms.Count == 0
        ? "none"
        : t.CriticalAlarmCount > 0
            ? $"[red]{Markup.Escape(string.Join(", ", t.ActiveAlarms))}[/]"
            : $"[yellow]{Markup.Escape(string.Join(", ", t.ActiveAlarms))}[/]";

    private static string Hot(double celsius) => celsius switch
    {
        >= 85 => $"[red]{F(celsius)}[/]",
        >= 80 => $"[yellow]{F(celsius)}[/]",
        _ => F(celsius),
    };

    private static string F(double? value, string format = "F1") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
