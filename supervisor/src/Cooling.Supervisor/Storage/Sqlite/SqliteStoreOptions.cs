namespace Cooling.Supervisor.Storage.Sqlite;

/// <summary>The embedded SQLite store: its file, how long it keeps what, and how it batches writes.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The SQLite file (created with its folder when missing).</summary>
    public string Path { get; init; } = System.IO.Path.Combine("data", "hall.db");

    /// <summary>Raw telemetry (every message) is kept this long.</summary>
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>One-minute averages, setpoint requests, acknowledgements, events and alarm history are kept this long.</summary>
    public TimeSpan DownsampledRetention { get; init; } = TimeSpan.FromDays(400);

    /// <summary>How often completed minutes are averaged and expired rows deleted (on the store's clock).</summary>
    public TimeSpan MaintenancePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows waiting in memory at most; beyond it new rows are dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>Rows committed per transaction at most.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Checks the settings; the message says what to change.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("Store Path must name a file.");
        if (RawRetention < TimeSpan.FromMinutes(10)) throw new ArgumentException("Store RawRetention must be at least 10 minutes (the one-minute averages are made from raw rows).");
        if (DownsampledRetention < RawRetention) throw new ArgumentException("Store DownsampledRetention must be at least RawRetention.");
        if (MaintenancePeriod < TimeSpan.FromSeconds(1) || MaintenancePeriod > RawRetention / 2)
            throw new ArgumentException("Store MaintenancePeriod must be at least 1 s and at most half of RawRetention.");
        if (QueueCapacity < BatchSize || BatchSize < 1) throw new ArgumentException("Store BatchSize must be at least 1 and QueueCapacity at least BatchSize.");
    }
}
