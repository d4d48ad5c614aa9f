using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Service.Security;

/// <summary>An API token as listed: never its secret, which is shown once when it is created.</summary>
public sealed record ApiToken(long Id, string Name, Role Role, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>
/// API tokens for automation in the <c>api_tokens</c> table. A token is <c>cst_</c> and 32 random bytes (base64url);
/// only its SHA-256 is kept (a random 256-bit secret needs no slow hash: it cannot be guessed from a dictionary).
/// A token carries a name (whom the audit log names) and a role; revoked tokens stay listed.
/// </summary>
public sealed class TokenStore(SecurityDatabase database)
{
    public const string Prefix = "cst_";

    private const string Columns = "id, name, role, created_ms, created_by, revoked_ms";

    /// <summary>Creates a token; the secret is returned here only.</summary>
    public (ApiToken Token, string Secret) Create(string name, Role role, string createdBy, DateTimeOffset at)
    {
        if (UserStore.Invalid(name) is { } error) throw new ArgumentException(error.Replace("user name", "token name", StringComparison.Ordinal), nameof(name));
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = database.Run(c =>
        {
            c.CommandText = "INSERT INTO api_tokens (name, role, token_sha256, created_ms, created_by) VALUES ($name, $role, $hash, $at, $by) RETURNING id";
            c.Parameters.AddWithValue("$name", name);
            c.Parameters.AddWithValue("$role", role.Name());
            c.Parameters.AddWithValue("$hash", Hash(secret));
            c.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            c.Parameters.AddWithValue("$by", createdBy);
            return (long)c.ExecuteScalar()!;
        });
        return (new ApiToken(id, name, role, at, createdBy, null), secret);
    }

    /// <summary>The unrevoked token whose secret this is, or null.</summary>
    public ApiToken? Find(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        return database.Run(c =>
        {
            c.CommandText = $"SELECT {Columns} FROM api_tokens WHERE token_sha256 = $hash AND revoked_ms IS NULL";
            c.Parameters.AddWithValue("$hash", Hash(secret));
            return Read(c).SingleOrDefault();
        });
    }

    public IReadOnlyList<ApiToken> List() => database.Run(c =>
    {
        c.CommandText = $"SELECT {Columns} FROM api_tokens ORDER BY id";
        return Read(c);
    });

    /// <summary>Revokes token <paramref name="id"/>; false when there is no such unrevoked token.</summary>
    public bool Revoke(long id, DateTimeOffset at) => database.Run(c =>
    {
        c.CommandText = "UPDATE api_tokens SET revoked_ms = $at WHERE id = $id AND revoked_ms IS NULL";
        c.Parameters.AddWithValue("$id", id);
        c.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        return c.ExecuteNonQuery() == 1;
    });

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static List<ApiToken> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var tokens = new List<ApiToken>();
        while (reader.Read())
        {
            tokens.Add(new ApiToken(reader.GetInt64(0), reader.GetString(1), Roles.TryParse(reader.GetString(2), out var role) ? role : Role.Viewer,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return tokens;
    }
}
