namespace Cooling.Mqtt.Connection;

/// <summary>
/// How to reach a broker: its URL (<see cref="BrokerAddress"/>), credentials given in the URL or separately, and for
/// TLS the server certificate check (the system's trust store, or the CA certificate(s) of
/// <see cref="CaCertificatePath"/> alone; <see cref="AllowUntrustedCertificates"/> accepts any server certificate, test
/// rigs only) and a client certificate (<see cref="ClientCertificatePath"/> with its key). Bound from configuration
/// by the services; <see cref="Resolve"/> checks it.
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

    /// <summary>PEM file of this client's certificate, presented to the broker (mqtts only; needs <see cref="ClientKeyPath"/>).</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>PEM file of the private key of <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientKeyPath { get; init; }

    /// <summary>Accept a broker certificate that does not validate (self-signed test brokers only; mqtts only).</summary>
    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>MQTT keep-alive period, s: the client pings the broker at least this often.</summary>
    public double KeepAliveSeconds { get; init; } = 15;

    /// <summary>Longest wait for the broker's answer to a connect, subscribe or ping, s.</summary>
    public double TimeoutSeconds { get; init; } = 5;

    /// <summary>Options for <paramref name="url"/> with everything else at its default; throws <see cref="FormatException"/> when the URL is not usable.</summary>
    public static BrokerConnectionOptions Parse(string url)
    {
        BrokerAddress.Parse(url);
        return new BrokerConnectionOptions { Url = url };
    }

    /// <summary>The URL read into host, port, TLS and credentials, the rest checked; throws <see cref="ArgumentException"/> with a reason when it is not usable.</summary>
    public BrokerAddress Resolve()
    {
        if (!BrokerAddress.TryParse(Url, out var address, out var problem))
        {
            throw new ArgumentException($"Broker URL '{BrokerAddress.Redacted(Url)}' {problem}.");
        }

        var tlsOnly = CaCertificatePath is not null || AllowUntrustedCertificates || ClientCertificatePath is not null || ClientKeyPath is not null;
        if (!address.UseTls && tlsOnly)
        {
            throw new ArgumentException("CaCertificatePath, ClientCertificatePath, ClientKeyPath and AllowUntrustedCertificates apply to mqtts:// brokers only.");
        }

        RequireFile(CaCertificatePath, nameof(CaCertificatePath));
        RequireFile(ClientCertificatePath, nameof(ClientCertificatePath));
        RequireFile(ClientKeyPath, nameof(ClientKeyPath));
        if ((ClientCertificatePath is null) != (ClientKeyPath is null))
        {
            throw new ArgumentException("ClientCertificatePath and ClientKeyPath go together: give both or neither.");
        }

        if (KeepAliveSeconds is < 1 or > 3600)
        {
            throw new ArgumentException("KeepAliveSeconds must be 1 … 3600.");
        }

        if (TimeoutSeconds is < 0.1 or > 600)
        {
            throw new ArgumentException("TimeoutSeconds must be 0.1 … 600.");
        }

        return address with { UserName = UserName ?? address.UserName, Password = Password ?? address.Password };
    }

    /// <summary>The URL without any password.</summary>
    public override string ToString() => BrokerAddress.Redacted(Url);

    private static void RequireFile(string? path, string name)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new ArgumentException($"{name} '{path}' does not exist.");
        }
    }
}
