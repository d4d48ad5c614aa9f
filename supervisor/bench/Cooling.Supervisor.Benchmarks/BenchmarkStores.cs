using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>A store that only counts what it is given (to measure ingestion without a disk).</summary>
public sealed class CountingStore : ITelemetryStore
{
    private long _records;

    public long Records => Interlocked.Read(ref _records);

    public void AddRackTelemetry(string siteId, string rackId, RackTelemetry telemetry, DateTimeOffset receivedAt) => Interlocked.Increment(ref _records);

    public void AddCduTelemetry(string siteId, string cduId, CduTelemetry telemetry, DateTimeOffset receivedAt) => Interlocked.Increment(ref _records);

    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord request) => Interlocked.Increment(ref _records);

    public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement acknowledgement, DateTimeOffset receivedAt) => Interlocked.Increment(ref _records);

    public void AddEvent(string siteId, string cduId, CduEvent cduEvent, DateTimeOffset receivedAt) => Interlocked.Increment(ref _records);
}

/// <summary>The store a benchmark phase uses, and its clean-up.</summary>
public sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;
    private readonly SqliteTelemetryStore? _sqlite;

    public BenchmarkStore(string kind)
    {
        if (kind == "sqlite")
        {
            _folder = Directory.CreateTempSubdirectory("cooling-bench-");
            _sqlite = new SqliteTelemetryStore(Path.Combine(_folder.FullName, "bench.db"), NullLogger.Instance);
            Store = _sqlite;
        }
        else if (kind == "none")
        {
            Store = new CountingStore();
        }
        else
        {
            throw new ArgumentException($"Unknown store '{kind}': use none or sqlite.");
        }
    }

    public ITelemetryStore Store { get; }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        _folder?.Delete(recursive: true);
    }
}
