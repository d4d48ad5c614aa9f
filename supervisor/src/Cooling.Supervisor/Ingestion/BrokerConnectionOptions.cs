namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// How to reach a broker: <c>mqtt://host[:port]</c> (default port 1883) or <c>mqtts://host[:port]</c> (TLS, default
/// 8883), optionally with <c>user:password@</c> in the URL or given separately. For TLS the server certificate is
/// checked against the system's trust store, or against the CA certificate(s) of <see cref="CaCertificatePath"/>
/// (PEM) alone; <see cref="AllowUntrustedCertificates"/> accepts any server certificate (test rigs only).
/// </summary>
public sealed record BrokerConnectionOptions
{
    /// <summary>Broker URL, e.g. <c>mqtts://broker.site:8883</c>.</summary>
    public string Url { get; init; } = "mqtt://127.0.0.1:1883";

    /// <summary>User name; overrides one given in the URL.</summary>
    public string? UserName { get; init; }

    /// <summary>Password; overrides one given in the URL.</summary>
    public string? Password { get; init; }

    /// <summary>PEM file of the CA certificate(s) that signed the broker's certificate (mqtts only).</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>Accept a broker certificate that does not validate (self-signed test brokers only; mqtts only).</summary>
    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>MQTT keep-alive period, s: the client pings the broker at least this often.</summary>
    public double KeepAliveSeconds { get; init; } = 15;

    /// <summary>Longest wait for the broker's answer to a connect, subscribe or ping, s.</summary>
    public double TimeoutSeconds { get; init; } = 5;

    /// <summary>The URL read into host, port, TLS and credentials; throws with a reason when it is not usable.</summary>
    public BrokerEndpoint Resolve()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"Broker URL '{Redacted(Url)}' is not usable: write mqtt://host:port or mqtts://host:port.");
        }

        if (uri.AbsolutePath is not ("" or "/") || !string.IsNullOrEmpty(uri.Query))
        {
            throw new ArgumentException($"Broker URL '{Redacted(Url)}' must not carry a path or query.");
        }

        var tls = uri.Scheme == "mqtts";
        if (!tls && (CaCertificatePath is not null || AllowUntrustedCertificates))
        {
            throw new ArgumentException("CaCertificatePath and AllowUntrustedCertificates apply to mqtts:// brokers only.");
        }

        if (CaCertificatePath is not null && !File.Exists(CaCertificatePath))
        {
            throw new ArgumentException($"CaCertificatePath '{CaCertificatePath}' does not exist.");
        }

        if (KeepAliveSeconds is < 1 or > 3600)
        {
            throw new ArgumentException("KeepAliveSeconds must be 1 … 3600.");
        }

        if (TimeoutSeconds is < 0.1 or > 600)
        {
            throw new ArgumentException("TimeoutSeconds must be 0.1 … 600.");
        }

        string? user = null, password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 8883 : 1883) : uri.Port;
        return new BrokerEndpoint(uri.Host, port, tls, UserName ?? user, Password ?? password);
    }

    /// <summary>The URL without any password, for logs.</summary>
    public static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", uri.UserInfo.Split(':')[0] + ":***@", StringComparison.Ordinal)
            : url;
}

/// <summary>A resolved broker address (never logged with its password).</summary>
public sealed record BrokerEndpoint(string Host, int Port, bool UseTls, string? UserName, string? Password)
{
    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
