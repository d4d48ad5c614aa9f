using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Turns one received message into state: routes by topic, validates by the contract, updates the hall state
/// and the store, and hands acknowledgements to the coordinator. A message that fails validation changes
/// nothing; it is logged, counted and kept in the rejection log with its reason.
/// </summary>
public sealed class MessageIngestor(HallState state, RejectionLog rejections, ITelemetryStore store, TimeProvider time,
    Action<CduView, SetpointAcknowledgement> onAcknowledgement, ILogger logger)
{
    private readonly long[] _acceptedByKind = new long[Enum.GetValues<TopicKind>().Length];
    private long _accepted;

    /// <summary>Messages accepted since start.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Messages of one topic kind accepted since start.</summary>
    public long AcceptedOf(TopicKind kind) => Interlocked.Read(ref _acceptedByKind[(int)kind]);

    public void Ingest(string topic, ReadOnlySpan<byte> payload)
    {
        var address = TopicAddress.Parse(topic);
        var now = time.GetUtcNow();
        string? error = address.Kind switch
        {
            TopicKind.RackTelemetry => IngestRack(address, payload, now),
            TopicKind.CduTelemetry => IngestCduTelemetry(address, payload, now),
            TopicKind.CduState => IngestState(address, payload),
            TopicKind.SetpointAcknowledgement => IngestAcknowledgement(address, payload, now),
            TopicKind.CduEvent => IngestEvent(address, payload, now),
            TopicKind.SetpointRequest => null, // our own requests, echoed by the broker to a wildcard subscription
            _ => "unknown topic: not part of contract v1",
        };
        if (error is null)
        {
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _acceptedByKind[(int)address.Kind]);
            return;
        }

        rejections.Add(new Rejection(now, topic, address.Kind, error));
        logger.LogWarning("Rejected message on {Topic}: {Reason}", topic, error);
    }

    private string? IngestRack(TopicAddress address, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var result = RackTelemetryReader.Read(payload);
        if (!result.IsSuccess) return result.Error;
        state.Update(new RackView(address.SiteId, address.DeviceId, result.Value!, now));
        store.AddRackTelemetry(address.SiteId, address.DeviceId, result.Value!, now);
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

        store.AddCduTelemetry(address.SiteId, address.DeviceId, result.Value!, now);
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
        store.AddAcknowledgement(address.SiteId, address.DeviceId, result.Value!, now);
        onAcknowledgement(cdu, result.Value!);
        return null;
    }

    private string? IngestEvent(TopicAddress address, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var result = CduMessageReader.ReadEvent(payload);
        if (!result.IsSuccess) return result.Error;
        store.AddEvent(address.SiteId, address.DeviceId, result.Value!, now);
        if (result.Value!.Severity != "OK")
        {
            logger.LogWarning("CDU {Cdu} reports {Event}: {Reason}", address.DeviceId, result.Value.Name, result.Value.Reason);
        }

        return null;
    }
}
