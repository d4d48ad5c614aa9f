namespace Cooling.Mqtt.Connection;

/// <summary>
/// A broker's address read from a URL: <c>mqtt://host[:port]</c> (default port 1883) or <c>mqtts://host[:port]</c>
/// (TLS, default 8883), optionally with <c>user:password@</c>. Printed without user or password.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, bool UseTls, string? UserName, string? Password)
{
    public const int DefaultPort = 1883;

    public const int DefaultTlsPort = 8883;

    private const string NotUsable = "is not usable: write mqtt://host:port or mqtts://host:port";

    /// <summary>Reads <paramref name="url"/>; throws <see cref="FormatException"/> with a reason when it is not a broker address.</summary>
    public static BrokerAddress Parse(string url) =>
        TryParse(url, out var address, out var problem) ? address : throw new FormatException($"'{Redacted(url)}' {problem switch
        {
            NotUsable => "is not a broker address: write mqtt://host:port or mqtts://host:port",
            _ => $"is not a broker address: it {problem}",
        }}.");

    /// <summary>Reads <paramref name="url"/>; false with the <paramref name="problem"/> (to follow the URL in a message) when it is not a broker address.</summary>
    public static bool TryParse(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BrokerAddress? address,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        address = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || string.IsNullOrEmpty(uri.Host))
        {
            problem = NotUsable;
            return false;
        }

        if (uri.AbsolutePath is not ("" or "/") || !string.IsNullOrEmpty(uri.Query))
        {
            problem = "must not carry a path or query";
            return false;
        }

        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port;
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        address = new BrokerAddress(uri.Host, port, tls, user, password);
        problem = null;
        return true;
    }

    /// <summary>The URL without any password, for logs and messages.</summary>
    public static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", uri.UserInfo.Split(':')[0] + ":***@", StringComparison.Ordinal)
            : url;

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
