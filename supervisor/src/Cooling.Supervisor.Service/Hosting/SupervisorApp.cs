using System.Text.Json.Serialization;
using Cooling.Supervisor.Service.Api;
using Cooling.Supervisor.Service.Health;
using Cooling.Supervisor.Service.Metrics;
using Cooling.Supervisor.Service.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Cooling.Supervisor.Service.Hosting;

/// <summary>
/// Composes the service: configuration (embedded defaults &lt; appsettings.json &lt; environment &lt; command line),
/// validated options, the supervisor as a hosted service, /health, /metrics, the JSON API and the operators' page at /;
/// every request but /health, the page's files and the login authenticated and authorized by role (Security/).
/// </summary>
public static class SupervisorApp
{
    /// <summary>The defaults that hold with no configuration at all (the lowest-priority source).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Urls"] = "http://127.0.0.1:5080",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Error", // a degraded check is in /health, not once per probe in the log
        ["Logging:Console:FormatterName"] = "simple",
    };

    /// <summary>Short command-line switches for the settings set most often.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--mqtt"] = "Cooling:Mqtt:Url",
        ["--store"] = "Cooling:Store:Kind",
        ["--sqlite"] = "Cooling:Store:SqlitePath",
        ["--log-format"] = "Logging:Console:FormatterName",
    };

    /// <param name="args">Command line: <c>--Cooling:Mqtt:Url=mqtt://…</c>, the switches above, <c>--urls</c>.</param>
    /// <param name="configureServices">Replaces services before the defaults are added (tests give a simulated <see cref="TimeProvider"/>).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary(s => s.Key, s => s.Value));

        // One line per entry with a UTC timestamp; `--log-format json` (Logging:Console:FormatterName=json) writes JSON lines instead.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        configureServices?.Invoke(builder.Services);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<CoolingOptions>().Bind(builder.Configuration.GetSection(CoolingOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CoolingOptions>, CoolingOptionsValidator>();
        builder.Services.AddSingleton<SupervisorMetrics>();
        builder.Services.AddSingleton<SupervisorRuntime>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SupervisorRuntime>());
        var health = builder.Services.AddHealthChecks()
            .AddCheck<BrokerHealthCheck>("broker")
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<TelemetryHealthCheck>("telemetry");
        var influx = builder.Configuration[$"{CoolingOptions.Section}:Store:Kind"] == StoreOptions.InfluxDbKind;
        if (influx)
        {
            health.AddCheck<InfluxDbHealthCheck>("influxdb");
            builder.Services.AddSingleton<InfluxDbMetrics>();
        }

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSecurity();

        var app = builder.Build();
        app.UseSecurity();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<SupervisorMetrics>().Registry); // viewer and above, as the API
        if (influx) app.Services.GetRequiredService<InfluxDbMetrics>(); // registers the writer's counters
        HallEndpoints.Map(app);
        AlarmEndpoints.Map(app);
        HistoryEndpoints.Map(app);
        WebUi.OperatorUi.Map(app);
        return app;
    }
}
