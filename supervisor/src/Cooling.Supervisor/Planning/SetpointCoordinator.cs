using System.Buffers;
using System.Text.Json;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// Keeps every online CDU under a lease: asks the planner for a setpoint, sends a request (new sequence number,
/// lease) when the setpoint changes or the renewal is due, and matches acknowledgements. A refusal or a request
/// left unacknowledged past the timeout is logged as an alarm and shown on the CDU's view.
/// Sequence numbers start at the Unix time in milliseconds, so they keep rising across supervisor restarts.
/// While the broker is unreachable nothing is sent (and no sequence number is used): the request goes out on the
/// first round after the connection returns.
/// </summary>
public sealed class SetpointCoordinator(HallState hall, ISetpointPlanner planner, SupervisorOptions options, TimeProvider time,
    ITelemetryStore store, Func<string, byte[], bool> publish, ILogger logger)
{
    private long _sequence = time.GetUtcNow().ToUnixTimeMilliseconds();
    private long _requestsSent;
    private long _acknowledgements;

    public long RequestsSent => Interlocked.Read(ref _requestsSent);

    public long AcknowledgementsReceived => Interlocked.Read(ref _acknowledgements);

    public ISetpointPlanner Planner => planner;

    /// <summary>One planning round over every known CDU.</summary>
    public void Tick()
    {
        var now = time.GetUtcNow();
        foreach (var cdu in hall.Cdus)
        {
            SetpointRequestRecord? request = null;
            lock (cdu.Gate)
            {
                if (!cdu.Online || cdu.Telemetry is null)
                {
                    continue;
                }

                var last = cdu.LastRequest;
                if (last is not null && !cdu.AcknowledgementOverdue
                    && (cdu.LastAcknowledgement is null || cdu.LastAcknowledgement.Sequence < last.Sequence)
                    && now - last.SentAt > TimeSpan.FromSeconds(options.AcknowledgementTimeoutSeconds))
                {
                    cdu.AcknowledgementOverdue = true;
                    logger.LogError("Alarm CduNotAcknowledging: {Cdu} has not acknowledged request {Sequence} within {Timeout} s",
                        cdu.CduId, last.Sequence, options.AcknowledgementTimeoutSeconds);
                }

                var wanted = Math.Round(planner.PlanSupplyTemperatureCelsius(cdu, hall), 2);
                var due = last is null
                    || now - last.SentAt >= TimeSpan.FromSeconds(options.RenewalSeconds)
                    || Math.Abs(wanted - last.SupplyTemperatureCelsius) >= 0.05;
                if (due)
                {
                    var candidate = new SetpointRequestRecord(Interlocked.Read(ref _sequence) + 1, wanted, options.LeaseSeconds, now);
                    if (publish(TopicAddress.SetpointRequestTopic(cdu.SiteId, cdu.CduId), Serialize(candidate)))
                    {
                        Interlocked.Increment(ref _sequence);
                        request = candidate;
                        cdu.LastRequest = request;
                        cdu.RequestsSent++;
                    }
                }
            }

            if (request is not null)
            {
                store.AddSetpointRequest(cdu.SiteId, cdu.CduId, request);
                Interlocked.Increment(ref _requestsSent);
            }
        }
    }

    /// <summary>Records an acknowledgement; a refusal is an alarm.</summary>
    public void OnAcknowledgement(CduView cdu, SetpointAcknowledgement acknowledgement)
    {
        Interlocked.Increment(ref _acknowledgements);
        lock (cdu.Gate)
        {
            cdu.LastAcknowledgement = acknowledgement;
            cdu.AcknowledgementReceivedAt = time.GetUtcNow();
            cdu.AcknowledgementsReceived++;
            if (cdu.LastRequest is not null && acknowledgement.Sequence >= cdu.LastRequest.Sequence)
            {
                cdu.AcknowledgementOverdue = false;
            }

            if (acknowledgement.Status == "rejected")
            {
                cdu.Refusals++;
            }
        }

        if (acknowledgement.Status == "rejected")
        {
            logger.LogError("Alarm CduRefusedSetpoint: {Cdu} refused request {Sequence}: {Reason}", cdu.CduId, acknowledgement.Sequence, acknowledgement.Reason);
        }
        else if (acknowledgement.Status == "clamped")
        {
            logger.LogWarning("{Cdu} clamped request {Sequence} to {Applied} °C: {Reason}", cdu.CduId, acknowledgement.Sequence,
                acknowledgement.AppliedSupplyTemperatureCelsius, acknowledgement.Reason);
        }
    }

    /// <summary>The request message of contract v1.</summary>
    public static byte[] Serialize(SetpointRequestRecord request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", request.Sequence);
            w.WriteNumber("issuedAtUnixMilliseconds", request.SentAt.ToUnixTimeMilliseconds());
            w.WriteNumber("leaseSeconds", request.LeaseSeconds);
            w.WriteNumber("supplyTemperatureCelsius", request.SupplyTemperatureCelsius);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
