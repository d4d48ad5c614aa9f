using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Service.History;

/// <summary>
/// History from the embedded SQLite store (times: when the supervisor received the message), read through its own
/// read-only connection (WAL: readers never block the writer).
/// </summary>
public sealed class SqliteTelemetryHistory(string path) : ITelemetryHistory
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    public string Source => "sqlite";

    public Task<IReadOnlyList<HistoryPoint>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            var raw = Read(connection, query, RawSql(query.Series), query.MaxPoints + 1);
            IReadOnlyList<HistoryPoint> points = raw.Count <= query.MaxPoints ? raw : Read(connection, query, AveragedSql(query.Series), null);
            return Task.FromResult(points);
        }
        catch (SqliteException ex)
        {
            throw new HistoryUnavailableException($"the SQLite store cannot be read: {ex.Message}", StatusCodes.Status503ServiceUnavailable, ex);
        }
    }

    // Table and column come from the fixed list in HistorySeries, never from the request.
    private static string RawSql(HistorySeries s) => $"""
        SELECT time_ms, {s.Column} FROM {s.Table}
        WHERE site = $site AND {s.DeviceColumn} = $device AND time_ms >= $from AND time_ms < $to AND {s.Column} IS NOT NULL
        ORDER BY time_ms LIMIT $limit
        """;

    private static string AveragedSql(HistorySeries s) => $"""
        SELECT $from + (time_ms - $from) / $bucket * $bucket, AVG({s.Column}) FROM {s.Table}
        WHERE site = $site AND {s.DeviceColumn} = $device AND time_ms >= $from AND time_ms < $to AND {s.Column} IS NOT NULL
        GROUP BY (time_ms - $from) / $bucket ORDER BY 1
        """;

    private static List<HistoryPoint> Read(SqliteConnection connection, HistoryQuery query, string sql, int? limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$site", query.SiteId);
        command.Parameters.AddWithValue("$device", query.DeviceId);
        command.Parameters.AddWithValue("$from", query.FromMilliseconds);
        command.Parameters.AddWithValue("$to", query.ToMilliseconds);
        command.Parameters.AddWithValue("$bucket", query.BucketMilliseconds);
        if (limit is { } l) command.Parameters.AddWithValue("$limit", l);
        using var reader = command.ExecuteReader();
        var points = new List<HistoryPoint>();
        while (reader.Read())
        {
            points.Add(new HistoryPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetDouble(1)));
        }

        return points;
    }
}
