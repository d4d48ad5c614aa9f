namespace Cdu.Firmware.Host;

/// <summary>
/// A broker address: <c>mqtt://host:port</c> (default port 1883) or <c>mqtts://host:port</c> (default 8883),
/// optionally with <c>user:password@</c>.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, bool UseTls, string? UserName, string? Password)
{
    public static BrokerAddress Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts"))
        {
            throw new FormatException($"'{url}' is not a broker address: write mqtt://host:port or mqtts://host:port.");
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

        return new BrokerAddress(uri.Host, port, tls, user, password);
    }

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
