using Cooling.Supervisor.Dcgm;
using Cooling.Supervisor.Ingestion;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Service;

/// <summary>
/// <c>cooling-supervisor dcgm-bridge --source http://node-a:9400/metrics --broker mqtt://broker:1883 --site hall1
/// --hosts node-a=r01,node-b=r01:4</c>: runs the dcgm-exporter bridge until Ctrl+C (or for <c>--seconds</c>). Also
/// <c>--period</c> (s), <c>--user</c>, <c>--password</c>, <c>--ca-file</c>, <c>--allow-untrusted</c>, <c>--client-id</c>.
/// Exit code 2 for bad arguments (the message says which).
/// </summary>
public static class DcgmBridgeCommand
{
    public const string Name = "dcgm-bridge";

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--source"] = "source", ["--broker"] = "broker", ["--site"] = "site", ["--hosts"] = "hosts", ["--period"] = "period",
        ["--user"] = "user", ["--password"] = "password", ["--ca-file"] = "ca-file", ["--allow-untrusted"] = "allow-untrusted",
        ["--client-id"] = "client-id", ["--seconds"] = "seconds",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        DcgmBridgeOptions options;
        BrokerConnectionOptions broker;
        double? seconds;
        try
        {
            var arguments = new ConfigurationBuilder().AddCommandLine(args, Switches).Build();
            options = new DcgmBridgeOptions
            {
                Source = arguments["source"] ?? throw new ArgumentException("--source is required: dcgm-exporter's URL (http://node:9400/metrics) or a file."),
                SiteId = arguments["site"] ?? throw new ArgumentException("--site is required: the site id of the rack topics."),
                Hosts = [.. (arguments["hosts"] ?? throw new ArgumentException("--hosts is required: host=rack[:firstGpuIndex],…"))
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(DcgmHostMapping.Parse)],
                PeriodSeconds = Number(arguments, "period") ?? 1.0,
                ClientId = arguments["client-id"] ?? "dcgm-bridge",
            };
            options.Validate();
            broker = new BrokerConnectionOptions
            {
                Url = arguments["broker"] ?? "mqtt://127.0.0.1:1883",
                UserName = arguments["user"],
                Password = arguments["password"],
                CaCertificatePath = arguments["ca-file"],
                AllowUntrustedCertificates = arguments["allow-untrusted"] is "true" or "",
            };
            broker.Resolve();
            seconds = Number(arguments, "seconds");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            await output.WriteLineAsync($"cooling-supervisor {Name}: {ex.Message}");
            return 2;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        if (seconds is { } limit) stop.CancelAfter(TimeSpan.FromSeconds(limit));
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var runner = new DcgmBridgeRunner(options, broker, TimeProvider.System, loggerFactory);
        try
        {
            await output.WriteLineAsync($"cooling-supervisor {Name}: {options.Source} → {BrokerAddress.Redacted(broker.Url)} site {options.SiteId}, {options.Hosts.Count} host(s), every {options.PeriodSeconds} s");
            await runner.RunAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (TimeoutException)
        {
            await output.WriteLineAsync($"cooling-supervisor {Name}: the broker {BrokerAddress.Redacted(broker.Url)} was not reachable.");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (runner.Counters is { } c)
        {
            await output.WriteLineAsync($"cooling-supervisor {Name}: scrapes {c.Scrapes} (failed {c.ScrapesFailed}), messages {c.MessagesPublished}, GPUs {c.GpusPublished}; " +
                $"dropped values: not supported {c.NotSupportedValues}, out of range {c.OutOfRangeValues}; GPUs left out: incomplete {c.IncompleteGpus}, unmapped {c.UnmappedGpus}, duplicate {c.DuplicateGpus}");
        }

        return 0;
    }

    private static double? Number(IConfiguration arguments, string key) =>
        arguments[key] is { } text
            ? double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"--{key} must be a number, not '{text}'.")
            : null;
}
