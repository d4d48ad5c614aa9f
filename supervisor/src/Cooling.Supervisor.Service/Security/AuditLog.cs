using System.Security.Claims;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// One line of the audit log: when (the service's clock), who (user or token name; <c>-</c> when unauthenticated) in
/// which role, what (e.g. <c>alarm.acknowledge</c>), on what (e.g. <c>alarm 17</c>) and how it ended (e.g. <c>200 OK</c>,
/// <c>403 Forbidden</c>, <c>failed</c>).
/// </summary>
public sealed record AuditEntry(DateTimeOffset Time, string User, string Role, string Action, string Target, string Outcome);

/// <summary>The audit log in the <c>audit_log</c> table: every write through the API, every login and every change of users and tokens.</summary>
public sealed class AuditLog(SecurityDatabase database, TimeProvider time)
{
    public const string Anonymous = "-";

    public void Record(string user, string role, string action, string target, string outcome) =>
        Record(new AuditEntry(time.GetUtcNow(), user, role, action, target, outcome));

    /// <summary>Records what <paramref name="principal"/> did (its name and role, or <see cref="Anonymous"/>).</summary>
    public void Record(ClaimsPrincipal principal, string action, string target, string outcome) =>
        Record(principal.Identity is { IsAuthenticated: true, Name: { } name } ? name : Anonymous,
            Roles.Of(principal)?.Name() ?? Anonymous, action, target, outcome);

    public void Record(AuditEntry entry) => database.Run(c =>
    {
        c.CommandText = "INSERT INTO audit_log (time_ms, user, role, action, target, outcome) VALUES ($t, $user, $role, $action, $target, $outcome)";
        c.Parameters.AddWithValue("$t", entry.Time.ToUnixTimeMilliseconds());
        c.Parameters.AddWithValue("$user", entry.User);
        c.Parameters.AddWithValue("$role", entry.Role);
        c.Parameters.AddWithValue("$action", entry.Action);
        c.Parameters.AddWithValue("$target", entry.Target);
        c.Parameters.AddWithValue("$outcome", entry.Outcome);
        return c.ExecuteNonQuery();
    });

    /// <summary>The lines from <paramref name="since"/> (inclusive) to <paramref name="until"/> (exclusive), oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<AuditEntry> Query(DateTimeOffset since, DateTimeOffset until, int limit) => database.Run(c =>
    {
        c.CommandText = """
            SELECT time_ms, user, role, action, target, outcome FROM audit_log
            WHERE time_ms >= $from AND time_ms < $to ORDER BY time_ms, rowid LIMIT $limit
            """;
        c.Parameters.AddWithValue("$from", since.ToUnixTimeMilliseconds());
        c.Parameters.AddWithValue("$to", until.ToUnixTimeMilliseconds());
        c.Parameters.AddWithValue("$limit", limit);
        using var reader = c.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return entries;
    });
}
