using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// Writes points to InfluxDB 1.x without ever making the caller wait. <see cref="TryAdd"/> queues a point in
/// memory; a collector turns the queue into line-protocol batches (at <see cref="InfluxDbOptions.BatchSize"/>
/// points, or <see cref="InfluxDbOptions.FlushIntervalSeconds"/> after the last batch); a sender posts them one at a
/// time, in order. While InfluxDB takes every batch, a batch goes straight from the collector to the sender. When
/// a write fails for a reason that may pass (server down, overloaded, timed out) the batch goes to the disk buffer,
/// the sender waits (a Polly retry: exponential backoff on the given <see cref="TimeProvider"/>, or the server's Retry-After), and
/// every later batch is appended behind it, until the buffer is replayed oldest first — nothing is lost and the order
/// is kept. Points InfluxDB refuses are dropped with the server's reason and counted, and never sent again. When the
/// buffer reaches its size limit the newest batches are dropped, counted, and an error is logged.
/// </summary>
public sealed class InfluxDbWriter : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private readonly InfluxDbOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InfluxDbHttpApi _api;
    private readonly SegmentedDiskBuffer _buffer;
    private readonly Channel<InfluxPoint?> _queue; // null asks the collector to close the current batch
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline<SendAttempt> _retry;
    private readonly ITimer _flushTimer;
    private readonly Task _collector;
    private readonly Task _sender;
    private BufferedBatch? _handOff; // at most one batch in memory between collector and sender, only while the buffer is empty
    private BufferedBatch? _sending;
    private int _queuedPoints;
    private long _accepted;
    private readonly long _recovered;
    private long _written;
    private long _retries;
    private long _batchesWritten;
    private long _replayed;
    private bool _replaying; // from a failed write (or a buffer found at start) until the buffer is empty again
    private long _retryAfterHonoured;
    private InfluxDbWriteError? _lastError;
    private DateTimeOffset? _lastSuccessAt;
    private bool _bufferFull;
    private bool _available = true;

    public InfluxDbWriter(InfluxDbOptions options, TimeProvider time, ILogger logger, HttpMessageHandler? handler = null)
    {
        options.Validate();
        _options = options;
        _time = time;
        _logger = logger;
        _api = new InfluxDbHttpApi(options, time, handler);
        _buffer = new SegmentedDiskBuffer(options.BufferDirectory, options.BufferMaxBytes, options.BufferSegmentBytes);
        _recovered = _buffer.PointCount;
        _replaying = _recovered > 0;
        if (!_buffer.IsEmpty)
        {
            _logger.LogInformation("InfluxDB buffer holds {Points} points from before the restart; replaying them first", _buffer.PointCount);
        }

        _queue = Channel.CreateBounded<InfluxPoint?>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _retry = InfluxRetryPolicy.Create(options, time, attempt =>
        {
            Failed(attempt.Batch!, attempt.FromBuffer, attempt.Outcome);
            if (attempt.Outcome.RetryAfter is not null) Interlocked.Increment(ref _retryAfterHonoured);
        });
        var flushPeriod = TimeSpan.FromSeconds(options.FlushIntervalSeconds);
        _flushTimer = time.CreateTimer(_ => _queue.Writer.TryWrite(null), null, flushPeriod, flushPeriod);
        _collector = Task.Run(CollectAsync);
        _sender = Task.Run(SendAsync);
    }

    /// <summary>Points dropped, by cause, with the recent reasons.</summary>
    public DroppedPoints Dropped { get; } = new();

    /// <summary>Points accepted by <see cref="TryAdd"/>.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Points InfluxDB has written.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Write attempts that failed and were retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Batches InfluxDB has taken (written whole, or but for points it refused).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);

    /// <summary>
    /// Points written from the disk buffer while it is worked off after InfluxDB was unavailable (or after a restart
    /// found it holding points); not the batches that wait there briefly behind one in flight while InfluxDB is well.
    /// </summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Retries that waited as long as the server's Retry-After asked (429, 503 …) rather than the computed backoff.</summary>
    public long RetryAfterHonoured => Interlocked.Read(ref _retryAfterHonoured);

    /// <summary>The last failed write: when and why; null before the first.</summary>
    public InfluxDbWriteError? LastError => Volatile.Read(ref _lastError);

    /// <summary>When InfluxDB last took a batch; null before the first.</summary>
    public DateTimeOffset? LastSuccessAt
    {
        get
        {
            lock (_gate) return _lastSuccessAt;
        }
    }

    /// <summary>HTTP traffic of the writes.</summary>
    public InfluxDbHttpApi Api => _api;

    /// <summary>False from a failed write until the next one that succeeds.</summary>
    public bool IsAvailable => Volatile.Read(ref _available);

    /// <summary>True while the disk buffer is at its size limit (new batches are being dropped).</summary>
    public bool IsBufferFull
    {
        get
        {
            lock (_gate) return _bufferFull;
        }
    }

    /// <summary>Bytes and points waiting in the disk buffer.</summary>
    public (long Bytes, long Points, int Segments) Buffered
    {
        get
        {
            lock (_gate) return (_buffer.SizeBytes, _buffer.PointCount, _buffer.SegmentCount);
        }
    }

    /// <summary>Points found in the disk buffer at start (from before a restart).</summary>
    public long Recovered => _recovered;

    /// <summary>Points accepted or recovered but neither written nor dropped yet (queued, in a batch, in flight or buffered).</summary>
    public long Pending => Accepted + Recovered - Written - Dropped.Count(DropCause.RefusedByServer) - Dropped.Count(DropCause.NotRepresentable) - Dropped.Count(DropCause.BufferFull);

    /// <summary>Queues a point; false (counted as dropped) only when the in-memory queue is full.</summary>
    public bool TryAdd(InfluxPoint point)
    {
        if (Interlocked.Increment(ref _queuedPoints) > _options.QueueCapacity - 1 || !_queue.Writer.TryWrite(point))
        {
            Interlocked.Decrement(ref _queuedPoints);
            Dropped.Add(new PointDrop(_time.GetUtcNow(), DropCause.QueueFull, 1, $"InfluxDB queue full ({_options.QueueCapacity} points)"));
            return false;
        }

        Interlocked.Increment(ref _accepted);
        return true;
    }

    /// <summary>
    /// Closes the current batch now and waits (in real time) until every point accepted so far is written or
    /// dropped; false when <paramref name="timeout"/> passes first (for example while InfluxDB is down and the
    /// retry waits on a clock nobody advances).
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await _queue.Writer.WriteAsync(null);
        while (Pending > 0)
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(5);
        }

        return true;
    }

    private async Task CollectAsync()
    {
        var lines = new StringBuilder(64 * 1024);
        var count = 0;
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var point))
            {
                if (point is null)
                {
                    HandOff(lines, ref count);
                    continue;
                }

                Interlocked.Decrement(ref _queuedPoints);
                var start = lines.Length;
                try
                {
                    point.WriteTo(lines);
                    count++;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    lines.Length = start;
                    Dropped.Add(new PointDrop(_time.GetUtcNow(), DropCause.NotRepresentable, 1, ex.Message));
                    _logger.LogWarning("Point of {Measurement} not written to InfluxDB: {Reason}", point.Measurement, ex.Message);
                }

                if (count >= _options.BatchSize)
                {
                    HandOff(lines, ref count);
                }
            }
        }

        HandOff(lines, ref count);
    }

    private void HandOff(StringBuilder lines, ref int count)
    {
        if (count == 0) return;
        var batch = new BufferedBatch(Encoding.UTF8.GetBytes(lines.ToString()), count);
        lines.Clear();
        count = 0;
        lock (_gate)
        {
            var direct = _handOff is null && _sending is null && _buffer.IsEmpty;
            if (direct || _buffer.TryAppend(batch))
            {
                if (direct) _handOff = batch;
                if (_bufferFull)
                {
                    _bufferFull = false;
                    _logger.LogWarning("InfluxDB buffer has room again ({Bytes} bytes used)", _buffer.SizeBytes);
                }
            }
            else
            {
                Dropped.Add(new PointDrop(_time.GetUtcNow(), DropCause.BufferFull, batch.PointCount,
                    $"InfluxDB buffer full ({_options.BufferMaxBytes} bytes in {_options.BufferDirectory})"));
                if (!_bufferFull)
                {
                    _bufferFull = true;
                    _logger.LogError("InfluxDB buffer full ({Bytes} bytes in {Folder}): new points are dropped until InfluxDB takes the buffered ones",
                        _buffer.SizeBytes, _options.BufferDirectory);
                }
            }
        }

        _work.Release();
    }

    private async Task SendAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            SendAttempt attempt;
            try
            {
                attempt = await _retry.ExecuteAsync(static (writer, _) => writer.SendNextAsync(), this, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (attempt.Batch is null)
            {
                try
                {
                    await _work.WaitAsync(token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Delivered(attempt.Batch, attempt.FromBuffer, attempt.Outcome);
        }
    }

    /// <summary>Sends the next batch (the hand-off, else the oldest buffered one); a null batch when there is none.</summary>
    private async ValueTask<SendAttempt> SendNextAsync()
    {
        var batch = Next(out var fromBuffer);
        if (batch is null) return SendAttempt.Nothing;
        var outcome = await _api.WriteAsync(batch, CancellationToken.None);
        return new SendAttempt(batch, fromBuffer, outcome);
    }

    private BufferedBatch? Next(out bool fromBuffer)
    {
        lock (_gate)
        {
            if (_handOff is not null)
            {
                fromBuffer = false;
                _sending = _handOff;
                _handOff = null;
                return _sending;
            }

            fromBuffer = true;
            return _buffer.TryPeek(out var batch) ? batch : null;
        }
    }

    private void Failed(BufferedBatch batch, bool fromBuffer, WriteOutcome outcome)
    {
        Interlocked.Increment(ref _retries);
        Volatile.Write(ref _lastError, new InfluxDbWriteError(_time.GetUtcNow(), outcome.Reason ?? "write failed"));
        if (Volatile.Read(ref _available))
        {
            Volatile.Write(ref _available, false);
            _logger.LogWarning("InfluxDB write failed ({Reason}); buffering on disk and retrying", outcome.Reason);
        }

        lock (_gate)
        {
            _replaying = true;
            if (!fromBuffer)
            {
                _buffer.Prepend(batch); // oldest of all: first to be replayed
                _sending = null;
            }
        }
    }

    private void Delivered(BufferedBatch batch, bool fromBuffer, WriteOutcome outcome)
    {
        if (!Volatile.Read(ref _available))
        {
            Volatile.Write(ref _available, true);
            _logger.LogInformation("InfluxDB takes writes again; replaying {Points} buffered points", Buffered.Points);
        }

        if (outcome.DroppedPoints > 0)
        {
            Dropped.Add(new PointDrop(_time.GetUtcNow(), DropCause.RefusedByServer, outcome.DroppedPoints, outcome.Reason ?? "refused"));
            _logger.LogWarning("InfluxDB refused {Points} of {Total} points: {Reason}", outcome.DroppedPoints, batch.PointCount, outcome.Reason);
        }

        bool replayed;
        lock (_gate)
        {
            if (fromBuffer) _buffer.RemoveFirst();
            else _sending = null;
            if (outcome.Kind != WriteOutcomeKind.Rejected) _lastSuccessAt = _time.GetUtcNow();
            replayed = fromBuffer && _replaying;
            if (_buffer.IsEmpty) _replaying = false;
        }

        if (outcome.Kind != WriteOutcomeKind.Written)
        {
            Volatile.Write(ref _lastError, new InfluxDbWriteError(_time.GetUtcNow(), outcome.Reason ?? "points refused"));
        }

        if (outcome.Kind != WriteOutcomeKind.Rejected)
        {
            Interlocked.Increment(ref _batchesWritten);
            if (replayed) Interlocked.Add(ref _replayed, batch.PointCount - outcome.DroppedPoints);
        }

        Interlocked.Add(ref _written, batch.PointCount - outcome.DroppedPoints);
    }

    /// <summary>
    /// Stops: the points still queued become a last batch, the sender gets a few seconds to deliver what it can,
    /// and whatever is left stays in the disk buffer for the next start.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync();
        _queue.Writer.TryComplete();
        await _collector;
        var deadline = DateTime.UtcNow + ShutdownGrace;
        while (DateTime.UtcNow < deadline && IsAvailable && Pending > 0)
        {
            await Task.Delay(5);
        }

        await _stopping.CancelAsync();
        await _sender;
        lock (_gate)
        {
            if (_handOff is not null) _buffer.Prepend(_handOff); // never sent: ahead of everything buffered
            _handOff = null;
            _buffer.Dispose();
        }

        _api.Dispose();
        _work.Dispose();
        _stopping.Dispose();
    }
}
