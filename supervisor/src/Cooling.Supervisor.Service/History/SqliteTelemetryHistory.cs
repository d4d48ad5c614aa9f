using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Service.History;

/// <summary>History from the embedded SQLite store, read through its own read-only connection (WAL: readers never block the writer).</summary>
public sealed class SqliteTelemetryHistory(string path) : ITelemetryHistory
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    public IReadOnlyList<HistoryPoint> Query(HistorySeries series, string siteId, string deviceId, DateTimeOffset since, DateTimeOffset until, int maxPoints)
    {
        var from = since.ToUnixTimeMilliseconds();
        var to = until.ToUnixTimeMilliseconds();
        var bucket = Math.Max(1, (to - from + maxPoints - 1) / Math.Max(1, maxPoints));
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // Table and column come from the fixed list in HistorySeries, never from the request.
        command.CommandText = $"""
            SELECT MIN(time_ms), AVG({series.Column}) FROM {series.Table}
            WHERE site = $site AND {series.DeviceColumn} = $device AND time_ms >= $from AND time_ms < $to AND {series.Column} IS NOT NULL
            GROUP BY (time_ms - $from) / $bucket ORDER BY 1
            """;
        command.Parameters.AddWithValue("$site", siteId);
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$bucket", bucket);
        using var reader = command.ExecuteReader();
        var points = new List<HistoryPoint>();
        while (reader.Read())
        {
            points.Add(new HistoryPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetDouble(1)));
        }

        return points;
    }
}
