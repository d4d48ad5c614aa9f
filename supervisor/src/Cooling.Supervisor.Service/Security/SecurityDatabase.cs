using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// The tables of users, API tokens and the audit log in the supervisor's SQLite file (Cooling:Store:SqlitePath),
/// beside the telemetry and the alarm history: one file to back up and protect, written in WAL mode so the running
/// service and the <c>users</c>/<c>tokens</c> commands can both use it. One connection, used under one lock.
/// </summary>
public sealed class SecurityDatabase : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS users (name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0, locked_until_ms INTEGER, created_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS api_tokens (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, role TEXT NOT NULL,
            token_sha256 TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL, created_by TEXT NOT NULL, revoked_ms INTEGER);
        CREATE TABLE IF NOT EXISTS audit_log (time_ms INTEGER NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL,
            target TEXT NOT NULL, outcome TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (time_ms);
        """;

    private readonly SqliteConnection _connection;

    public SecurityDatabase(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        Path = System.IO.Path.GetFullPath(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 10 }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="use"/> with a new command on the connection, under the lock.</summary>
    public T Run<T>(Func<SqliteCommand, T> use)
    {
        lock (_connection)
        {
            using var command = _connection.CreateCommand();
            return use(command);
        }
    }

    public void Dispose() => _connection.Dispose();
}
