using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cooling.Hall;
using Microsoft.Extensions.Logging;
using Spectre.Console;

var cdus = new Option<int>("--cdus") { Description = "CDU loops in the hall (1 … 64)", DefaultValueFactory = _ => 1 };
var racks = new Option<int>("--racks") { Description = "Racks per CDU loop (1 … 64)", DefaultValueFactory = _ => 4 };
var broker = new Option<string?>("--broker") { Description = "Use this broker (mqtt://host:port) instead of the embedded one" };
var port = new Option<int>("--port") { Description = "Port of the embedded broker on 127.0.0.1 (0 picks a free port)", DefaultValueFactory = _ => 0 };
var store = new Option<string>("--store") { Description = "SQLite file of the embedded store", DefaultValueFactory = _ => Path.Combine("data", "hall.db") };
var influxdb = new Option<string?>("--influxdb") { Description = "Write telemetry to this InfluxDB 1.x as well (http://host:8086/), database 'cooling'" };
var setpoint = new Option<double>("--supply-setpoint") { Description = "Supply temperature the supervisor requests, °C", DefaultValueFactory = _ => 30.0 };
var credentialsFolder = new Option<string?>("--credentials") { Description = "Folder the embedded broker's credentials are written to (default: hall-credentials next to the store)" };
var duration = new Option<TimeSpan?>("--duration") { Description = "Stop by itself after this long (e.g. 00:05:00); default: until Ctrl+C" };

var root = new RootCommand("Runs a simulated cooling hall: embedded MQTT broker, embedded store, the supervisor, and CDUs running the real firmware core on a physics twin, in real time, with a live view.")
{
    cdus, racks, broker, port, store, influxdb, setpoint, credentialsFolder, duration,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var options = new HallOptions
    {
        CduCount = parse.GetValue(cdus),
        RacksPerCdu = parse.GetValue(racks),
        BrokerUrl = parse.GetValue(broker),
        EmbeddedBrokerPort = parse.GetValue(port),
        StorePath = parse.GetValue(store)!,
        CredentialsFolder = parse.GetValue(credentialsFolder),
        InfluxDbUrl = parse.GetValue(influxdb),
        SupplyTemperatureCelsius = parse.GetValue(setpoint),
    };
    try
    {
        options.Validate();
    }
    catch (ArgumentException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 2;
    }

    // Ctrl+C (SIGINT) and SIGTERM cancel the token that System.CommandLine hands to this action.
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    if (parse.GetValue(duration) is { } limit)
    {
        stop.CancelAfter(limit);
    }

    return await HallProgram.RunAsync(options, stop.Token);
});

return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });

namespace Cooling.Hall
{
    internal static class HallProgram
    {
        public static async Task<int> RunAsync(HallOptions options, CancellationToken stop)
        {
            var time = TimeProvider.System;
            var log = new RecentLog(time);
            using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Warning));
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = 160;
            }

            console.MarkupLine("[grey]Starting the hall: embedded broker, store, supervisor, twin…[/]");
            var wall = Stopwatch.StartNew();
            var hottest = double.MinValue;
            await using (var hall = await RunningHall.StartAsync(options, time, loggerFactory, cancellationToken: stop))
            {
                if (hall.Credentials is { } credentials)
                {
                    // The embedded broker lets in only the hall's identities: say where a person finds theirs.
                    console.MarkupLine(Markup.Escape($"Broker {hall.Broker!.Url}: identities only. Tools: user '{HallCredentials.OperatorName}' or '{HallCredentials.TechnicianName}', "
                        + $"password in {HallCredentials.PasswordPath(credentials.Folder, HallCredentials.OperatorName)} (or technician.password) — "
                        + $"e.g. mosquitto_sub -h 127.0.0.1 -p {hall.BrokerAddress.Port} -u operator -P \"$(cat …/operator.password)\" -t 'cooling/v1/#' -v"));
                }

                var interactive = !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
                var nextPlainRender = TimeSpan.FromSeconds(2); // first print once telemetry has arrived
                async Task Loop(Action<Spectre.Console.Rendering.IRenderable> show)
                {
                    using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time);
                    var nextRender = TimeSpan.Zero;
                    try
                    {
                        while (await ticker.WaitForNextTickAsync(stop))
                        {
                            hall.Twin.CatchUp();
                            foreach (var rack in hall.Supervisor.Hall.Racks)
                            {
                                hottest = Math.Max(hottest, rack.Telemetry.HottestGpuTemperatureCelsius);
                            }

                            if (wall.Elapsed >= nextRender)
                            {
                                nextRender = wall.Elapsed + TimeSpan.FromSeconds(1);
                                show(HallView.Render(hall, log, wall.Elapsed));
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                if (interactive)
                {
                    await console.Live(HallView.Render(hall, log, wall.Elapsed)).AutoClear(false)
                        .StartAsync(async context => await Loop(view => context.UpdateTarget(view)));
                }
                else
                {
                    // Not a terminal (piped or logged): print the table every 5 s instead of redrawing it.
                    await Loop(view =>
                    {
                        if (wall.Elapsed >= nextPlainRender)
                        {
                            nextPlainRender = wall.Elapsed + TimeSpan.FromSeconds(5);
                            console.Write(view);
                        }
                    });
                }

                await hall.Store.FlushAsync(TimeSpan.FromSeconds(5));
                var s = hall.Supervisor;
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[bold]Stopped.[/] Ran {wall.Elapsed:hh\\:mm\\:ss} ({hall.Twin.PlantTime:hh\\:mm\\:ss} plant time), {hall.Twin.Loops.Count} CDU(s), {hall.Twin.Loops.Sum(l => l.Plant.Racks.Length)} racks."));
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"Messages received {s.Ingestor.Accepted}, rejected {s.Rejections.Total}; setpoint requests {s.Coordinator.RequestsSent}, acknowledged {s.Coordinator.AcknowledgementsReceived}; rows stored {hall.Store.Written} in {Markup.Escape(options.StorePath)}."));
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"Hottest GPU seen {(hottest == double.MinValue ? "–" : hottest.ToString("F1", CultureInfo.InvariantCulture))} °C; warnings {log.Warnings}."));
            }

            return 0;
        }
    }
}
