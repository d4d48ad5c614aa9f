using System.Buffers;
using System.Threading.Channels;
using Cooling.Supervisor.Contract;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Between the broker connection and the <see cref="MessageIngestor"/>: <see cref="Offer"/> runs on MQTTnet's
/// message task (the connection's reading and keep-alive run on another) and never waits. Rack telemetry is read
/// right there by default (<see cref="IngestionOptions.Workers"/> 0): validated, written into the hall state and
/// queued for the store in ≈ 3–4 µs per 72-GPU message, while the payload is still in the processor's cache and
/// without copying it. With workers, it is copied into a pooled buffer and goes to one of
/// <see cref="IngestionOptions.Workers"/> bounded queues chosen by rack (order per rack kept). CDU messages go to a
/// bounded queue of their own with one worker. A full queue drops the newest message and counts it
/// (<see cref="IngestionCounters.DroppedQueueFull"/>). Topics outside the contract are refused at once.
/// A rack worker woken by a message processes everything queued, then pauses for
/// <see cref="IngestionOptions.RackBatchMilliseconds"/> (real time) so that under load it wakes a few hundred times a
/// second for batches rather than once per message; a lone message is processed at once. CDU messages are processed
/// as they come.
/// </summary>
public sealed class IngestionPipeline : IAsyncDisposable
{
    private readonly MessageIngestor _ingestor;
    private readonly IngestionCounters _counters;
    private readonly TopicRoutes _routes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeProvider _batchClock;
    private readonly TimeSpan _rackBatch;
    private readonly Channel<Received>[] _rackQueues;
    private readonly Channel<Received> _cduQueue;

    // Payload copies: rented on the receive thread, returned by the workers. The shared pool keeps returned arrays
    // mostly per thread, so a receive thread that only rents would allocate; this pool is one store for all threads,
    // sized for full queues.
    private readonly ArrayPool<byte> _buffers;
    private readonly Task[] _workers;
    private readonly Lock _receivePath = new(); // one writer per rack, also when several threads offer
    private int _busy;

    /// <param name="time">The supervisor's clock (rejection times).</param>
    /// <param name="batchClock">Real time for the batching pause (processor scheduling, not simulation); default the system clock.</param>
    public IngestionPipeline(MessageIngestor ingestor, IngestionCounters counters, TopicRoutes routes, IngestionOptions options, TimeProvider time, ILogger logger,
        TimeProvider? batchClock = null)
    {
        options.Validate();
        _batchClock = batchClock ?? TimeProvider.System;
        _rackBatch = TimeSpan.FromMilliseconds(options.RackBatchMilliseconds);
        _ingestor = ingestor;
        _counters = counters;
        _routes = routes;
        _time = time;
        _logger = logger;
        _rackQueues = new Channel<Received>[options.Workers]; // none: racks are read on the receive path
        for (var i = 0; i < _rackQueues.Length; i++)
        {
            _rackQueues[i] = Queue(options.RackQueueCapacity / options.Workers);
        }

        _cduQueue = Queue(options.CduQueueCapacity);
        _buffers = ArrayPool<byte>.Create(RackTelemetryReader.MaximumBytes, options.RackQueueCapacity + options.CduQueueCapacity + 64);
        _workers = [.. _rackQueues.Select(q => Task.Run(() => WorkAsync(q, _rackBatch))), Task.Run(() => WorkAsync(_cduQueue, TimeSpan.Zero))];
    }

    /// <summary>Messages waiting in every queue.</summary>
    public int Backlog => _rackQueues.Sum(q => q.Reader.Count) + _cduQueue.Reader.Count;

    /// <summary>Queues one received message (called on the receive path; never blocks).</summary>
    public void Offer(string topic, ReadOnlySequence<byte> payload)
    {
        var route = _routes.Get(topic);
        _counters.CountReceived(route.Kind);
        if (route.Kind == TopicKind.Unknown)
        {
            _ingestor.Reject(route, "unknown topic: not part of contract v1", _time.GetUtcNow());
            return;
        }

        if (route.Kind == TopicKind.RackTelemetry && _rackQueues.Length == 0)
        {
            IngestOnReceivePath(route, payload);
            return;
        }

        var length = checked((int)payload.Length);
        var buffer = _buffers.Rent(Math.Max(length, 1));
        payload.CopyTo(buffer);
        var queue = route.Kind == TopicKind.RackTelemetry ? _rackQueues[route.Partition] : _cduQueue;
        if (!queue.Writer.TryWrite(new Received(route, buffer, length)))
        {
            _buffers.Return(buffer);
            _counters.CountDropped(route.Kind);
        }
    }

    private void IngestOnReceivePath(TopicRoute route, ReadOnlySequence<byte> payload)
    {
        byte[]? copy = null;
        try
        {
            ReadOnlySpan<byte> bytes;
            if (payload.IsSingleSegment)
            {
                bytes = payload.FirstSpan;
            }
            else
            {
                var length = checked((int)payload.Length);
                copy = _buffers.Rent(Math.Max(length, 1));
                payload.CopyTo(copy);
                bytes = copy.AsSpan(0, length);
            }

            lock (_receivePath)
            {
                _ingestor.Ingest(route, bytes);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Ingestion of a message on {Topic} failed", route.Topic);
        }
        finally
        {
            if (copy is not null) _buffers.Return(copy);
        }
    }

    /// <summary>Waits until every message queued so far has been ingested (or the timeout passes).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((Backlog > 0 || Volatile.Read(ref _busy) > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    private static Channel<Received> Queue(int capacity) =>
        Channel.CreateBounded<Received>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private async Task WorkAsync(Channel<Received> queue, TimeSpan pause)
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            Interlocked.Increment(ref _busy);
            while (queue.Reader.TryRead(out var message))
            {
                try
                {
                    _ingestor.Ingest(message.Route, message.Buffer.AsSpan(0, message.Length));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _logger.LogError(ex, "Ingestion of a message on {Topic} failed", message.Route.Topic);
                }
                finally
                {
                    _buffers.Return(message.Buffer);
                }
            }

            Interlocked.Decrement(ref _busy);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _batchClock);
            }
        }
    }

    /// <summary>Stops taking messages and finishes the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _rackQueues) queue.Writer.TryComplete();
        _cduQueue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private readonly record struct Received(TopicRoute Route, byte[] Buffer, int Length);
}
