namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// The InfluxDB settings as a configuration section binds them (Cooling:Store:InfluxDb in the service): plain
/// settable properties, checked with <see cref="Validate"/>, turned into <see cref="InfluxDbOptions"/>.
/// </summary>
public sealed class InfluxDbSettings
{
    /// <summary>Base address of the HTTP API, e.g. http://influxdb:8086/.</summary>
    public string? Url { get; set; }

    public string Database { get; set; } = "cooling";

    public string? RetentionPolicy { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int BatchSize { get; set; } = 5000;

    public double FlushIntervalSeconds { get; set; } = 1.0;

    public bool Gzip { get; set; } = true;

    public double MaxRetryDelaySeconds { get; set; } = 30.0;

    public string BufferDirectory { get; set; } = Path.Combine("data", "influxdb-buffer");

    public long BufferMaxMegabytes { get; set; } = 1024;

    public InfluxDbOptions ToOptions() => new()
    {
        Url = Uri.TryCreate(Url, UriKind.Absolute, out var url) ? url : null,
        Database = Database,
        RetentionPolicy = string.IsNullOrEmpty(RetentionPolicy) ? null : RetentionPolicy,
        UserName = string.IsNullOrEmpty(UserName) ? null : UserName,
        Password = string.IsNullOrEmpty(Password) ? null : Password,
        BatchSize = BatchSize,
        FlushIntervalSeconds = FlushIntervalSeconds,
        Gzip = Gzip,
        MaxRetryDelaySeconds = MaxRetryDelaySeconds,
        BufferDirectory = BufferDirectory,
        BufferMaxBytes = BufferMaxMegabytes * 1024 * 1024,
        BufferSegmentBytes = Math.Min(8L << 20, BufferMaxMegabytes * 1024 * 1024 / 8), // a small buffer still gets several segments
    };

    /// <summary>What is wrong with the settings, each line starting with the setting's name under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        if (string.IsNullOrWhiteSpace(Url)) return [$"{section}:Url: must be the InfluxDB 1.x HTTP address, e.g. http://influxdb:8086/."];
        if (BufferMaxMegabytes < 1) return [$"{section}:BufferMaxMegabytes: must be at least 1; got {BufferMaxMegabytes}."];
        try
        {
            ToOptions().Validate();
            return [];
        }
        catch (ArgumentException ex)
        {
            return [$"{section}: {ex.Message}"];
        }
    }
}
