using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Service.Security;

/// <summary>A local user: name, role, password hash (ASP.NET Core Identity's PBKDF2 format) and the failed-login count.</summary>
public sealed record UserAccount(string Name, Role Role, string PasswordHash, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

/// <summary>The local users in the <c>users</c> table. Names are compared without case.</summary>
public sealed class UserStore(SecurityDatabase database)
{
    private const string Columns = "name, role, password_hash, failed_logins, locked_until_ms, created_ms";

    /// <summary>Why <paramref name="name"/> is not a user name (1 … 64 letters, digits, '.', '_', '-', '@'), or null.</summary>
    public static string? Invalid(string? name) =>
        name is not null && NamePattern.IsMatch(name) ? null : "a user name is 1 … 64 letters, digits, '.', '_', '-' or '@'";

    private static readonly Regex NamePattern = new(@"^[\p{L}\p{Nd}._@-]{1,64}$", RegexOptions.CultureInvariant);

    public bool Any() => database.Run(c =>
    {
        c.CommandText = "SELECT EXISTS (SELECT 1 FROM users)";
        return (long)c.ExecuteScalar()! == 1;
    });

    public UserAccount? Find(string name) => database.Run(c =>
    {
        c.CommandText = $"SELECT {Columns} FROM users WHERE name = $name";
        c.Parameters.AddWithValue("$name", name);
        return Read(c).SingleOrDefault();
    });

    public IReadOnlyList<UserAccount> List() => database.Run(c =>
    {
        c.CommandText = $"SELECT {Columns} FROM users ORDER BY name";
        return Read(c);
    });

    /// <summary>Adds a user; false when one of that name exists.</summary>
    public bool Add(string name, Role role, string passwordHash, DateTimeOffset at) => database.Run(c =>
    {
        if (Invalid(name) is { } error) throw new ArgumentException(error, nameof(name));
        c.CommandText = "INSERT INTO users (name, role, password_hash, created_ms) VALUES ($name, $role, $hash, $at) ON CONFLICT DO NOTHING";
        c.Parameters.AddWithValue("$name", name);
        c.Parameters.AddWithValue("$role", role.Name());
        c.Parameters.AddWithValue("$hash", passwordHash);
        c.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        return c.ExecuteNonQuery() == 1;
    });

    public bool Remove(string name) => database.Run(c =>
    {
        c.CommandText = "DELETE FROM users WHERE name = $name";
        c.Parameters.AddWithValue("$name", name);
        return c.ExecuteNonQuery() == 1;
    });

    public void SetPasswordHash(string name, string passwordHash) => database.Run(c =>
    {
        c.CommandText = "UPDATE users SET password_hash = $hash WHERE name = $name";
        c.Parameters.AddWithValue("$name", name);
        c.Parameters.AddWithValue("$hash", passwordHash);
        return c.ExecuteNonQuery();
    });

    /// <summary>Sets the failed-login count and the lock (null: not locked).</summary>
    public void SetFailures(string name, int failedLogins, DateTimeOffset? lockedUntil) => database.Run(c =>
    {
        c.CommandText = "UPDATE users SET failed_logins = $failed, locked_until_ms = $until WHERE name = $name";
        c.Parameters.AddWithValue("$name", name);
        c.Parameters.AddWithValue("$failed", failedLogins);
        c.Parameters.AddWithValue("$until", lockedUntil is { } until ? until.ToUnixTimeMilliseconds() : DBNull.Value);
        return c.ExecuteNonQuery();
    });

    private static List<UserAccount> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var users = new List<UserAccount>();
        while (reader.Read())
        {
            users.Add(new UserAccount(reader.GetString(0), Roles.TryParse(reader.GetString(1), out var role) ? role : Role.Viewer, reader.GetString(2),
                reader.GetInt32(3), reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return users;
    }
}
