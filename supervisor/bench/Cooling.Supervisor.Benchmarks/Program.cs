using System.CommandLine;
using System.Globalization;
using Cooling.Supervisor.Benchmarks;
using Cooling.Hil.Rig;

var racks = new Option<int>("--racks") { Description = "Racks publishing, 72 GPUs each", DefaultValueFactory = _ => 1389 };
var connections = new Option<int>("--connections") { Description = "Publishing MQTT connections", DefaultValueFactory = _ => 4 };
var rounds = new Option<int>("--rounds") { Description = "Rounds of bare-subscriber and supervisor phases (the ratio is over all of them)", DefaultValueFactory = _ => 6 };
var seconds = new Option<double>("--seconds") { Description = "Measured seconds per throughput phase", DefaultValueFactory = _ => 6 };
var latencySeconds = new Option<double>("--latency-seconds") { Description = "Seconds of the latency phase", DefaultValueFactory = _ => 10 };
var load = new Option<double>("--latency-load") { Description = "Offered load of the latency phase, GPU samples/s", DefaultValueFactory = _ => 1_000_000 };
var workers = new Option<int>("--workers") { Description = "The supervisor's rack ingestion workers (0: rack telemetry read on the receive path, the default)", DefaultValueFactory = _ => new Cooling.Supervisor.Ingestion.IngestionOptions().Workers };
var store = new Option<string>("--store") { Description = "Store behind the supervisor: none (counts records) or sqlite", DefaultValueFactory = _ => "none" };
var raw = new Option<bool>("--raw-baseline") { Description = "Also measure a raw-socket subscriber that parses no payload (for information)" };
var dom = new Option<bool>("--dom-baseline") { Description = "Also measure a subscriber that parses each message into a JSON DOM (JsonDocument) on the receive path" };
var broker = new Option<string?>("--broker") { Description = "Use this mosquitto (mqtt://host:port) instead of starting one" };

var root = new RootCommand("Measures the supervisor's MQTT ingestion against a bare counting subscriber on the same mosquitto, and the telemetry-to-decision latency.")
{
    racks, connections, rounds, seconds, latencySeconds, load, workers, store, raw, dom, broker,
};

root.Subcommands.Add(PlanningBenchmark.Command());
root.SetAction(async parse =>
{
    var settings = new BenchmarkSettings
    {
        Racks = parse.GetValue(racks),
        Connections = parse.GetValue(connections),
        Rounds = parse.GetValue(rounds),
        PhaseSeconds = parse.GetValue(seconds),
        LatencySeconds = parse.GetValue(latencySeconds),
        LatencyLoadGpuSamplesPerSecond = parse.GetValue(load),
        Workers = parse.GetValue(workers),
        Store = parse.GetValue(store)!,
        RawBaseline = parse.GetValue(raw),
        DomBaseline = parse.GetValue(dom),
    };
    MosquittoBroker? mosquitto = null;
    string host;
    int port;
    if (parse.GetValue(broker) is { } url)
    {
        var uri = new Uri(url);
        (host, port) = (uri.Host, uri.Port > 0 ? uri.Port : 1883);
    }
    else
    {
        mosquitto = await MosquittoBroker.StartAsync();
        (host, port) = ("127.0.0.1", mosquitto.Port);
    }

    try
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cooling-supervisor-bench: {settings.Racks} racks × {RackPayloads.GpusPerRack} GPUs ({RackPayloads.Build(0, 1).Length:N0} bytes per message), {settings.Connections} publishing connections, mosquitto on {host}:{port}, {Environment.ProcessorCount} cores, store {settings.Store}, load average {LoadAverage()}"));
        var benchmark = new IngestionBenchmark(host, port, settings, Console.WriteLine);
        var throughput = await benchmark.MeasureThroughputAsync();
        var latency = await benchmark.MeasureLatencyAsync();
        BenchmarkReport.Print(settings, throughput, latency);
        return 0;
    }
    finally
    {
        if (mosquitto is not null) await mosquitto.DisposeAsync();
    }
});

var parseSeconds = new Option<double>("--seconds") { Description = "Seconds per reader and round", DefaultValueFactory = _ => 2 };
var parseCommand = new Command("parse", "Processor time to read one 72-GPU rack message: the supervisor's reader against Utf8JsonReader and a JsonDocument handler, in one run")
{
    parseSeconds,
};
parseCommand.SetAction(parse => ParseBenchmark.Run(parse.GetValue(parseSeconds), Console.WriteLine));
root.Subcommands.Add(parseCommand);

var gpuRacks = new Option<int>("--racks") { Description = "Racks of 72 GPUs in the hall", DefaultValueFactory = _ => 1389 };
var gpusCommand = new Command("gpus", "Every GPU of a 100,000-GPU site in the hall state: the alarm pass against reading every GPU once, and a message's GPUs written into its rack's table against reading it, in one run")
{
    gpuRacks,
};
gpusCommand.SetAction(parse => AlarmTickBenchmark.Run(parse.GetValue(gpuRacks), Console.WriteLine));
root.Subcommands.Add(gpusCommand);

var ingestRacks = new Option<int>("--racks") { Description = "Racks of 72 GPUs publishing", DefaultValueFactory = _ => 1389 };
var ingestSeconds = new Option<double>("--seconds") { Description = "Seconds per measure and round", DefaultValueFactory = _ => 3 };
var ingestCommand = new Command("ingest", "Processor time of the supervisor's receive path per rack message, without the broker (a 100,000-GPU hall, one thread)")
{
    ingestRacks,
    ingestSeconds,
};
ingestCommand.SetAction(async (parse, _) => await IngestBenchmark.RunAsync(parse.GetValue(ingestRacks), parse.GetValue(ingestSeconds), Console.WriteLine));
root.Subcommands.Add(ingestCommand);

return await root.Parse(args).InvokeAsync();

// The machine's 1-minute load average (Linux), so that a figure measured on a busy machine says so.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
