namespace Cooling.Supervisor.Service.Hosting;

/// <summary>A broker to connect to: host, port, TLS, credentials. Printed without the password.</summary>
public sealed record BrokerEndpoint(string Host, int Port, bool UseTls, string? UserName, string? Password, bool Embedded)
{
    /// <summary>Reads <c>mqtt://[user[:password]@]host[:port]</c> or <c>mqtts://…</c>; null with the reason when it is not one.</summary>
    public static BrokerEndpoint? TryParse(string url, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{Redact(url)}' is not a broker address: write mqtt://host[:port] or mqtts://host[:port] (user:password@ may precede the host)";
            return null;
        }

        if (uri.AbsolutePath is not ("" or "/") || !string.IsNullOrEmpty(uri.Query))
        {
            error = $"'{Redact(url)}' has a path or query; a broker address is only scheme, host and port";
            return null;
        }

        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 8883 : 1883) : uri.Port;
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        return new BrokerEndpoint(uri.Host, port, tls, user, password, Embedded: false);
    }

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{(UserName is null ? "" : UserName + "@")}{Host}:{Port}{(Embedded ? " (embedded)" : "")}";

    // A URL as it may be logged: without the password.
    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return url;
        var colon = url.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
