using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Planning;

/// <summary>Builds a <see cref="LoopObservation"/> of one CDU's loop from the hall state.</summary>
public static class LoopObservationBuilder
{
    /// <summary>
    /// The observation of <paramref name="cdu"/>'s loop at <paramref name="now"/>: its telemetry and the racks the
    /// <paramref name="map"/> puts on it whose telemetry is at most <paramref name="maximumRackAge"/> old. Null when
    /// the CDU has sent no telemetry.
    /// </summary>
    public static LoopObservation? Build(CduView cdu, IEnumerable<RackView> racks, RackLoopMap map, DateTimeOffset now, TimeSpan maximumRackAge)
    {
        ArgumentNullException.ThrowIfNull(cdu);
        ArgumentNullException.ThrowIfNull(racks);
        ArgumentNullException.ThrowIfNull(map);
        CduTelemetry? telemetry;
        DateTimeOffset receivedAt;
        lock (cdu.Gate)
        {
            telemetry = cdu.Telemetry;
            receivedAt = cdu.TelemetryReceivedAt;
        }

        if (telemetry is null) return null;
        var observed = new List<RackObservation>();
        foreach (var rack in racks)
        {
            if (rack.SiteId != cdu.SiteId || !map.IsOnLoop(rack.RackId, cdu.CduId) || now - rack.ReceivedAt > maximumRackAge) continue;
            var t = rack.Telemetry;
            observed.Add(new RackObservation(rack.RackId, DateTimeOffset.FromUnixTimeMilliseconds(t.TimestampUnixMilliseconds), t.InletTemperatureCelsius,
                t.FlowLitersPerMinute, t.PowerWatts, t.GpuPowerWatts, t.GpuCount, t.HottestGpuTemperatureCelsius, t.ThrottledGpuCount));
        }

        return new LoopObservation(cdu.CduId, now, FromTelemetry(telemetry, receivedAt), observed);
    }

    /// <summary>The planner's view of a CDU telemetry message.</summary>
    public static CduObservation FromTelemetry(CduTelemetry t, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new CduObservation(receivedAt, t.SupplyTemperatureCelsius, t.ReturnTemperatureCelsius, t.SupplyTemperatureTargetCelsius,
            t.DeltaPressureKpa, t.DeltaPressureTargetKpa, t.FlowLitersPerMinute, t.PumpSpeedPercent, t.DewPointCelsius, t.FacilitySupplyTemperatureCelsius);
    }
}
