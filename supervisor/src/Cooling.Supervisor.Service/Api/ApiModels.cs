using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Api;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Service.Api;

/// <summary>A site (hall) and how much the supervisor sees of it.</summary>
public sealed record HallModel(string SiteId, int Cdus, int Racks, int Gpus, int OpenAlarms, int CriticalAlarms);

/// <summary>A CDU: online state, mode, latest telemetry (contract field names) and its setpoint link.</summary>
public sealed record CduModel(
    string SiteId,
    string CduId,
    bool Online,
    string? Mode,
    string? FirmwareVersion,
    DateTimeOffset? TelemetryReceivedAt,
    double? TelemetryAgeSeconds,
    CduTelemetry? Telemetry,
    SetpointModel Setpoint);

/// <summary>A CDU's setpoint link: what it works on, what was last requested and how it answered.</summary>
public sealed record SetpointModel(
    string SiteId,
    string CduId,
    string? SetpointSource,
    double? SupplyTemperatureSetpointCelsius,
    double? SupplyTemperatureTargetCelsius,
    double? LeaseRemainingSeconds,
    SetpointRequestRecord? LastRequest,
    SetpointAcknowledgement? LastAcknowledgement,
    DateTimeOffset? AcknowledgementReceivedAt,
    string AcknowledgementStatus,
    bool AcknowledgementOverdue,
    long RequestsSent,
    long AcknowledgementsReceived,
    long Refusals);

/// <summary>A rack: coolant values and the summary of its GPUs from its latest telemetry.</summary>
public sealed record RackModel(
    string SiteId,
    string RackId,
    DateTimeOffset ReceivedAt,
    double TelemetryAgeSeconds,
    long Sequence,
    double InletTemperatureCelsius,
    double OutletTemperatureCelsius,
    double FlowLitersPerMinute,
    double PowerWatts,
    GpuSummaryModel Gpus);

/// <summary>
/// A summary of a rack's GPUs from its latest message: count, hottest die (and which GPU), hottest memory, power and
/// how many throttle. Each GPU's own values: <see cref="RackGpusModel"/>.
/// </summary>
public sealed record GpuSummaryModel(
    string SiteId,
    string RackId,
    int Count,
    double HottestTemperatureCelsius,
    int HottestIndex,
    double? HottestMemoryTemperatureCelsius,
    double PowerWatts,
    int Throttled);

/// <summary>A rack's GPUs: the summary of its latest message and every GPU's latest value, in index order.</summary>
public sealed record RackGpusModel(
    string SiteId,
    string RackId,
    DateTimeOffset ReceivedAt,
    double TelemetryAgeSeconds,
    GpuSummaryModel Summary,
    IReadOnlyList<GpuModel> Gpus);

/// <summary>
/// One GPU's latest values (contract v1 names): die and memory temperature °C, power W, throttling (null: not
/// reported), when they arrived and their age, and whether the rack's latest message carried the GPU (false: the GPU
/// was left out since, e.g. the dcgm-exporter bridge had no temperature or power for it — the values are older).
/// </summary>
public sealed record GpuModel(
    int Index,
    double TemperatureCelsius,
    double? MemoryTemperatureCelsius,
    double PowerWatts,
    bool? Throttled,
    DateTimeOffset ReceivedAt,
    double AgeSeconds,
    bool InLatestMessage);

/// <summary>A GPU of a site, named by its rack (the hottest GPUs of a hall).</summary>
public sealed record SiteGpuModel(string RackId, GpuModel Gpu);

/// <summary>An alarm as listed and acknowledged through the API.</summary>
public sealed record AlarmModel(
    long Id,
    string Code,
    string Severity,
    string Origin,
    string Source,
    string SiteId,
    string Message,
    string State,
    bool Active,
    DateTimeOffset RaisedAt,
    double? Value,
    double? Threshold,
    DateTimeOffset? ClearedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy);

/// <summary>The body of POST /api/alarms/{id}/acknowledge (optional): <see cref="By"/>, when given, must be the signed-in user's name.</summary>
public sealed record AcknowledgeRequest(string? By);

/// <summary>
/// A history series: which field of which device, and its points; the store it was read from (<c>sqlite</c> or
/// <c>influxdb</c>) and how many records that store has accepted but cannot be queried for yet (queued, or waiting
/// in the InfluxDB disk buffer while InfluxDB is down): while above zero the newest part of the series may be missing.
/// </summary>
public sealed record HistoryModel(string SiteId, string Device, string DeviceId, string Field, DateTimeOffset Since, DateTimeOffset Until,
    IReadOnlyList<HistoryPointModel> Points, string Source, long PendingRecords);

public sealed record HistoryPointModel(DateTimeOffset Time, double Value);

/// <summary>An API error: what was wrong, naming the parameter.</summary>
public sealed record ErrorModel(string Error);

/// <summary>Turns the supervisor's records into the API's models.</summary>
public static class ApiMapping
{
    public static CduModel Cdu(CduStatus s, DateTimeOffset now) => new(s.SiteId, s.CduId, s.Online, s.Mode, s.FirmwareVersion, s.TelemetryReceivedAt,
        s.TelemetryReceivedAt is { } at ? Seconds(now - at) : null, s.Telemetry, Setpoint(s));

    public static SetpointModel Setpoint(CduStatus s) => new(s.SiteId, s.CduId, s.Telemetry?.SetpointSource, s.Telemetry?.SupplyTemperatureSetpointCelsius,
        s.Telemetry?.SupplyTemperatureTargetCelsius, s.Telemetry?.LeaseRemainingSeconds, s.LastRequest, s.LastAcknowledgement, s.AcknowledgementReceivedAt,
        AcknowledgementStatus(s), s.AcknowledgementOverdue, s.RequestsSent, s.AcknowledgementsReceived, s.Refusals);

    /// <summary><c>none</c> (nothing sent), <c>pending</c>, <c>overdue</c>, or the last answer's status when it answered the last request.</summary>
    public static string AcknowledgementStatus(CduStatus s) => s switch
    {
        { LastRequest: null } => "none",
        { AcknowledgementOverdue: true } => "overdue",
        { LastAcknowledgement: { } a, LastRequest: { } r } when a.Sequence >= r.Sequence => a.Status,
        _ => "pending",
    };

    public static RackModel Rack(RackView r, DateTimeOffset now) => new(r.SiteId, r.RackId, r.ReceivedAt, Seconds(now - r.ReceivedAt), r.Telemetry.Sequence,
        r.Telemetry.InletTemperatureCelsius, r.Telemetry.OutletTemperatureCelsius, r.Telemetry.FlowLitersPerMinute, r.Telemetry.PowerWatts, Gpus(r));

    public static GpuSummaryModel Gpus(RackView r)
    {
        var t = r.Telemetry;
        return new GpuSummaryModel(r.SiteId, r.RackId, t.GpuCount, t.HottestGpuTemperatureCelsius, t.HottestGpuIndex,
            double.IsFinite(t.HottestMemoryTemperatureCelsius) ? t.HottestMemoryTemperatureCelsius : null, t.GpuPowerWatts, t.ThrottledGpuCount);
    }

    public static RackGpusModel RackGpus(RackView r, DateTimeOffset now) =>
        new(r.SiteId, r.RackId, r.ReceivedAt, Seconds(now - r.ReceivedAt), Gpus(r), [.. r.Gpus.Snapshot().Select(g => Gpu(g, now))]);

    public static GpuModel Gpu(GpuValue g, DateTimeOffset now) => new(g.Reading.Index, g.Reading.TemperatureCelsius,
        Finite(g.Reading.MemoryTemperatureCelsius), g.Reading.PowerWatts, g.Reading.Throttled, g.ReceivedAt, Seconds(now - g.ReceivedAt), g.InLatestMessage);

    public static AlarmModel Alarm(AlarmRecord a) => new(a.Id, a.Code, a.Severity.ToString(), a.Origin.ToString(), a.Source, a.SiteId, a.Message, a.State,
        a.Active, a.RaisedAt, Finite(a.Value), Finite(a.Threshold), a.ClearedAt, a.AcknowledgedAt, a.AcknowledgedBy);

    private static double Seconds(TimeSpan age) => Math.Round(age.TotalSeconds, 3);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
