using System.Security.Cryptography;
using System.Text;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// A mosquitto password file (<c>name:hash</c>, one identity a line), read and written in mosquitto 2.0's format so
/// that one file serves mosquitto (<c>password_file</c>) and the embedded broker. Hashes are
/// <c>$7$iterations$salt$hash</c> — PBKDF2-HMAC-SHA512 over the UTF-8 password with a 12-byte random salt, 64-byte
/// result, salt and result in base64 (mosquitto_passwd's default since 2.0, 101 iterations there; written here with
/// <see cref="Iterations"/>) — and, read only, the older <c>$6$salt$hash</c> (SHA-512 of password then salt).
/// </summary>
public sealed class MosquittoPasswordFile
{
    /// <summary>PBKDF2 iterations of hashes written here (mosquitto_passwd -I; mosquitto accepts any count).</summary>
    public const int Iterations = 10_000;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;
    private readonly Dictionary<string, string> _hashes;

    private MosquittoPasswordFile(Dictionary<string, string> hashes) => _hashes = hashes;

    /// <summary>Names that have a password, in file order.</summary>
    public IReadOnlyCollection<string> Names => _hashes.Keys;

    /// <summary>Reads a password file; a malformed line is an error naming its number.</summary>
    public static MosquittoPasswordFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static MosquittoPasswordFile Parse(string text, string source = "password file")
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0 || !(line[(colon + 1)..].StartsWith("$7$", StringComparison.Ordinal) || line[(colon + 1)..].StartsWith("$6$", StringComparison.Ordinal)))
                throw new FormatException($"{source}, line {i + 1}: expected name:$7$… or name:$6$… (a mosquitto_passwd hash)");
            if (!hashes.TryAdd(line[..colon], line[(colon + 1)..])) throw new FormatException($"{source}, line {i + 1}: '{line[..colon]}' is listed twice");
        }

        return new MosquittoPasswordFile(hashes);
    }

    /// <summary>A password file holding these names and passwords, hashed with fresh salts.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> passwords) =>
        string.Concat(passwords.Select(p => $"{p.Key}:{Hash(p.Value)}\n"));

    /// <summary>True when <paramref name="name"/> is in the file and <paramref name="password"/> is its password.</summary>
    public bool Verify(string? name, ReadOnlySpan<byte> password) =>
        name is not null && _hashes.TryGetValue(name, out var hash) && VerifyHash(hash, password);

    /// <summary>A <c>$7$</c> hash of <paramref name="password"/> with a fresh random salt.</summary>
    public static string Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="password"/> (UTF-8) matches the <c>$7$</c> or <c>$6$</c> hash; false for anything malformed.</summary>
    public static bool VerifyHash(string hash, ReadOnlySpan<byte> password)
    {
        var parts = hash.Split('$');
        try
        {
            if (parts is ["", "7", var iterationText, var saltText, var expectedText] && int.TryParse(iterationText, out var iterations) && iterations > 0)
            {
                var expected = Convert.FromBase64String(expectedText);
                var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(saltText), iterations, HashAlgorithmName.SHA512, expected.Length);
                return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(actual, expected);
            }

            if (parts is ["", "6", var salt6, var expected6])
            {
                var salt = Convert.FromBase64String(salt6);
                var expected = Convert.FromBase64String(expected6);
                var actual = SHA512.HashData([.. password, .. salt]);
                return CryptographicOperations.FixedTimeEquals(actual, expected);
            }
        }
        catch (FormatException)
        {
            return false;
        }

        return false;
    }
}
