using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cooling.Supervisor.Tests;

/// <summary>A real SQLite store in a temporary folder, deleted afterwards.</summary>
public sealed class TemporaryStore : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-store-");

    public TemporaryStore() => Store = new SqliteTelemetryStore(Path.Combine(_folder.FullName, "test.db"), NullLogger.Instance);

    public SqliteTelemetryStore Store { get; }

    public async Task<long> CountAsync(string table)
    {
        await Store.FlushAsync(TimeSpan.FromSeconds(10));
        return (long)Store.QueryScalar($"SELECT COUNT(*) FROM {table}")!;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
