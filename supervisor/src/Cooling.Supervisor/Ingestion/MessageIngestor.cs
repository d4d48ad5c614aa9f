using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Turns one received message into state: routes by topic, validates by the contract, updates the hall state,
/// queues the record for the store and hands acknowledgements to the coordinator. A message that fails validation
/// changes nothing; it is logged, counted (per topic kind and reason) and kept in the rejection log with its reason.
/// </summary>
public sealed class MessageIngestor(HallState state, RejectionLog rejections, IngestionCounters counters, StoreFeeder store, TopicRoutes routes,
    TimeProvider time, Action<CduView, SetpointAcknowledgement> onAcknowledgement, ILogger logger)
{
    /// <summary>Messages accepted since start.</summary>
    public long Accepted => counters.TotalAccepted;

    public IngestionCounters Counters => counters;

    /// <summary>Ingests one message now, on the caller's thread.</summary>
    public void Ingest(string topic, ReadOnlySpan<byte> payload)
    {
        var route = routes.Get(topic);
        counters.CountReceived(route.Kind);
        Ingest(route, payload);
    }

    /// <summary>Ingests one message of a known route (received already counted).</summary>
    internal void Ingest(TopicRoute route, ReadOnlySpan<byte> payload)
    {
        var address = route.Address;
        var now = time.GetUtcNow();
        string? error = address.Kind switch
        {
            TopicKind.RackTelemetry => IngestRack(route, payload, now),
            TopicKind.CduTelemetry => IngestCduTelemetry(address, payload, now),
            TopicKind.CduState => IngestState(address, payload),
            TopicKind.SetpointAcknowledgement => IngestAcknowledgement(address, payload, now),
            TopicKind.CduEvent => IngestEvent(address, payload, now),
            TopicKind.SetpointRequest => null, // our own requests, echoed by the broker to a wildcard subscription
            _ => "unknown topic: not part of contract v1",
        };
        if (error is null)
        {
            counters.CountAccepted(address.Kind);
            return;
        }

        Reject(route, error, now);
    }

    /// <summary>Counts and logs a refused message.</summary>
    internal void Reject(TopicRoute route, string reason, DateTimeOffset now)
    {
        counters.CountRejected(route.Kind);
        rejections.Add(new Rejection(now, route.Topic, route.Kind, reason));
        logger.LogWarning("Rejected message on {Topic}: {Reason}", route.Topic, reason);
    }

    private string? IngestRack(TopicRoute route, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var result = RackTelemetryReader.Read(payload, out var gpus);
        if (!result.IsSuccess) return result.Error;
        var rack = route.Rack ??= state.Rack(route.DeviceKey, route.Address.SiteId, route.Address.DeviceId);
        rack.Update(result.Value, gpus, now);
        counters.CountGpuSamples(result.Value.GpuCount);
        store.AddRackTelemetry(route.Address, result.Value, now);
        return null;
    }

    private string? IngestCduTelemetry(TopicAddress address, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var result = CduMessageReader.ReadTelemetry(payload);
        if (!result.IsSuccess) return result.Error;
        var cdu = state.Cdu(address.SiteId, address.DeviceId);
        lock (cdu.Gate)
        {
            cdu.Telemetry = result.Value;
            cdu.TelemetryReceivedAt = now;
        }

        store.AddCduTelemetry(address, result.Value!, now);
        return null;
    }

    private string? IngestState(TopicAddress address, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return null; // a cleared retained message
        }

        var result = CduMessageReader.ReadState(payload);
        if (!result.IsSuccess) return result.Error;
        var cdu = state.Cdu(address.SiteId, address.DeviceId);
        lock (cdu.Gate)
        {
            cdu.State = result.Value;
        }

        return null;
    }

    private string? IngestAcknowledgement(TopicAddress address, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var result = CduMessageReader.ReadAcknowledgement(payload);
        if (!result.IsSuccess) return result.Error;
        var cdu = state.Cdu(address.SiteId, address.DeviceId);
        store.AddAcknowledgement(address, result.Value!, now);
        onAcknowledgement(cdu, result.Value!);
        return null;
    }

    private string? IngestEvent(TopicAddress address, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var result = CduMessageReader.ReadEvent(payload);
        if (!result.IsSuccess) return result.Error;
        store.AddEvent(address, result.Value!, now);
        if (result.Value!.Severity != "OK")
        {
            logger.LogWarning("CDU {Cdu} reports {Event}: {Reason}", address.DeviceId, result.Value.Name, result.Value.Reason);
        }

        return null;
    }
}
