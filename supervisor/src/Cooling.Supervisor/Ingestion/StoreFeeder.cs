using System.Threading.Channels;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Hands accepted records to the store from a queue of its own, in batches, on a background task: ingestion only
/// queues (never waits), so a store that is slow, or blocks outright, holds up neither the hall state nor the
/// broker connection. When the queue is full the newest record is dropped and counted
/// (<see cref="IngestionCounters.StoreRecordsDropped"/>); a record whose write throws is counted as failed. After each
/// batch the feeder pauses (real time) so that records gather into batches instead of waking it one by one.
/// </summary>
public sealed class StoreFeeder : IAsyncDisposable
{
    private const int BatchSize = 1000;
    private readonly ITelemetryStore _store;
    private readonly IngestionCounters _counters;
    private readonly ILogger _logger;
    private readonly Channel<StoreRecord> _queue;
    private readonly Task _writer;
    private readonly TimeSpan _pause;
    private readonly TimeProvider _batchClock;
    private int _writing;

    public StoreFeeder(ITelemetryStore store, IngestionCounters counters, int capacity, ILogger logger, TimeSpan? pause = null, TimeProvider? batchClock = null)
    {
        _pause = pause ?? TimeSpan.Zero;
        _batchClock = batchClock ?? TimeProvider.System;
        _store = store;
        _counters = counters;
        _logger = logger;
        _queue = Channel.CreateBounded<StoreRecord>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        Queued = new QueuedStore(this);
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records waiting for the store.</summary>
    public int Backlog => _queue.Reader.Count;

    /// <summary>Queues a rack's summary (a value in the queue: nothing allocated per message).</summary>
    public void AddRackTelemetry(TopicAddress rack, in RackTelemetry telemetry, DateTimeOffset receivedAt) =>
        Enqueue(new StoreRecord(rack, null, telemetry, receivedAt));

    public void AddCduTelemetry(TopicAddress cdu, CduTelemetry telemetry, DateTimeOffset receivedAt) => Enqueue(new StoreRecord(cdu, telemetry, default, receivedAt));

    public void AddAcknowledgement(TopicAddress cdu, SetpointAcknowledgement acknowledgement, DateTimeOffset receivedAt) =>
        Enqueue(new StoreRecord(cdu, acknowledgement, default, receivedAt));

    public void AddEvent(TopicAddress cdu, CduEvent cduEvent, DateTimeOffset receivedAt) => Enqueue(new StoreRecord(cdu, cduEvent, default, receivedAt));

    /// <summary>Queues a setpoint request the supervisor sent (the store gets it on the feeder's task, like everything else).</summary>
    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord request) =>
        Enqueue(new StoreRecord(new TopicAddress(TopicKind.SetpointRequest, siteId, cduId), request, default, request.SentAt));

    /// <summary>The store as the planner sees it: every write queued here (a store that is slow, or stuck, holds up no round).</summary>
    public ITelemetryStore Queued { get; }

    /// <summary>Waits until every record queued so far has been handed to the store (or the timeout passes).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((_queue.Reader.Count > 0 || Volatile.Read(ref _writing) != 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    private void Enqueue(in StoreRecord record)
    {
        if (_queue.Writer.TryWrite(record))
        {
            _counters.CountStoreQueued();
        }
        else
        {
            _counters.CountStoreDropped();
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<StoreRecord>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            Volatile.Write(ref _writing, 1);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            foreach (var record in batch)
            {
                Write(record);
            }

            batch.Clear();
            Volatile.Write(ref _writing, 0);
            if (_pause > TimeSpan.Zero && _queue.Reader.Count < BatchSize)
            {
                await Task.Delay(_pause, _batchClock);
            }
        }
    }

    private void Write(in StoreRecord r)
    {
        try
        {
            var site = r.Address.SiteId;
            var device = r.Address.DeviceId;
            switch (r.Value)
            {
                case null: _store.AddRackTelemetry(site, device, r.Rack, r.ReceivedAt); break;
                case CduTelemetry t: _store.AddCduTelemetry(site, device, t, r.ReceivedAt); break;
                case SetpointAcknowledgement a: _store.AddAcknowledgement(site, device, a, r.ReceivedAt); break;
                case CduEvent e: _store.AddEvent(site, device, e, r.ReceivedAt); break;
                case SetpointRequestRecord request: _store.AddSetpointRequest(site, device, request); break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _counters.CountStoreFailed(1);
            _logger.LogError(ex, "Store write for {Device} failed", r.Address.DeviceId);
        }
    }

    /// <summary>Stops taking records and waits up to 5 s for the queued ones to reach the store.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _logger.LogError("The store did not take {Records} queued records within 5 s; they are dropped", _queue.Reader.Count);
        }
    }

    private sealed class QueuedStore(StoreFeeder feeder) : ITelemetryStore
    {
        public void AddRackTelemetry(string siteId, string rackId, RackTelemetry telemetry, DateTimeOffset receivedAt) =>
            feeder.AddRackTelemetry(new TopicAddress(TopicKind.RackTelemetry, siteId, rackId), telemetry, receivedAt);

        public void AddCduTelemetry(string siteId, string cduId, CduTelemetry telemetry, DateTimeOffset receivedAt) =>
            feeder.AddCduTelemetry(new TopicAddress(TopicKind.CduTelemetry, siteId, cduId), telemetry, receivedAt);

        public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord request) => feeder.AddSetpointRequest(siteId, cduId, request);

        public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement acknowledgement, DateTimeOffset receivedAt) =>
            feeder.AddAcknowledgement(new TopicAddress(TopicKind.SetpointAcknowledgement, siteId, cduId), acknowledgement, receivedAt);

        public void AddEvent(string siteId, string cduId, CduEvent cduEvent, DateTimeOffset receivedAt) =>
            feeder.AddEvent(new TopicAddress(TopicKind.CduEvent, siteId, cduId), cduEvent, receivedAt);
    }

    // A CDU's record in Value; a rack's summary in Rack (Value null).
    private readonly record struct StoreRecord(TopicAddress Address, object? Value, RackTelemetry Rack, DateTimeOffset ReceivedAt);
}
