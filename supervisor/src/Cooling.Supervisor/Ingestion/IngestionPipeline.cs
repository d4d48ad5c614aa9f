using System.Buffers;
using System.Threading.Channels;
using Cooling.Supervisor.Contract;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Between the broker connection and the <see cref="MessageIngestor"/>: <see cref="Offer"/> runs on MQTTnet's
/// receive path, copies the payload into a pooled buffer and queues it without ever waiting, so the connection
/// (keep-alive, acknowledgements) never waits on processing. Rack telemetry goes to one of
/// <see cref="IngestionOptions.Workers"/> bounded queues chosen by rack (order per rack kept), CDU messages to a
/// bounded queue of their own; each queue has one worker. A full queue drops the newest message and counts it
/// (<see cref="IngestionCounters.DroppedQueueFull"/>). Topics outside the contract are refused at once.
/// </summary>
public sealed class IngestionPipeline : IAsyncDisposable
{
    private readonly MessageIngestor _ingestor;
    private readonly IngestionCounters _counters;
    private readonly TopicRoutes _routes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Received>[] _rackQueues;
    private readonly Channel<Received> _cduQueue;
    private readonly Task[] _workers;
    private int _busy;

    public IngestionPipeline(MessageIngestor ingestor, IngestionCounters counters, TopicRoutes routes, IngestionOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _ingestor = ingestor;
        _counters = counters;
        _routes = routes;
        _time = time;
        _logger = logger;
        _rackQueues = new Channel<Received>[options.Workers];
        for (var i = 0; i < _rackQueues.Length; i++)
        {
            _rackQueues[i] = Queue(options.RackQueueCapacity / options.Workers);
        }

        _cduQueue = Queue(options.CduQueueCapacity);
        _workers = [.. _rackQueues.Select(q => Task.Run(() => WorkAsync(q))), Task.Run(() => WorkAsync(_cduQueue))];
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

        var length = checked((int)payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        payload.CopyTo(buffer);
        var queue = route.Kind == TopicKind.RackTelemetry ? _rackQueues[route.Partition] : _cduQueue;
        if (!queue.Writer.TryWrite(new Received(route, buffer, length)))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _counters.CountDropped(route.Kind);
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

    private async Task WorkAsync(Channel<Received> queue)
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
                    ArrayPool<byte>.Shared.Return(message.Buffer);
                }
            }

            Interlocked.Decrement(ref _busy);
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
