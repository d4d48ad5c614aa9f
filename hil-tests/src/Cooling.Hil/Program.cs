using System.CommandLine;
using Cooling.Hil.Cli;

var paths = new Argument<string[]>("scenarios")
{
    Description = "Scenario files or folders of them (default: hil-tests/scenarios of the repository around the current folder)",
    Arity = ArgumentArity.ZeroOrMore,
};
var tag = new Option<string[]>("--tag") { Description = "Only scenarios carrying one of these tags (e.g. fault, supervisor, safety)", HelpName = "tag", AllowMultipleArgumentsPerToken = true };
var target = new Option<string>("--target")
{
    Description = "Where the firmware runs: sil = the firmware core on the twin's plant in this process, on simulated time; virtual = the virtual CDU (firmware host) as its own process on a real mosquitto, the plant played over the HIL I/O topics; device = a CDU already running (a controller powered up with its HIL jumper), attached over --broker as --site/--cdu, the plant played over the same topics on its own clock",
    DefaultValueFactory = _ => "sil",
    HelpName = "sil|virtual|device",
};
target.AcceptOnlyFromAmong("sil", "virtual", "device");
var seed = new Option<int?>("--seed") { Description = "Seed for every random choice (sensor noise, GPU spread, workload noise); default: each scenario's own", HelpName = "n" };
var engineer = new Option<string>("--engineer")
{
    Description = "Name of the engineer responsible for the run; written into the report and its manifest",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COOLING_HIL_ENGINEER") ?? Environment.UserName,
    HelpName = "name",
};
var output = new Option<string>("--report") { Description = "Folder for junit.xml, report.html, summary.json and manifest.json", DefaultValueFactory = _ => "hil-report", HelpName = "folder" };
var noBaselines = new Option<bool>("--no-baselines") { Description = "Run only each scenario's declared planner (faster; no baseline comparison, no SUP-2)" };
var noGolden = new Option<bool>("--no-golden") { Description = "Do not compare the KPIs with the golden results" };
var parallel = new Option<int>("--parallel") { Description = "Scenarios run at once (default: one per processor on sil, one on virtual)", HelpName = "n" };
var broker = new Option<string?>("--broker")
{
    Description = "virtual: the broker the virtual CDU and the rig use, mqtt://host:port; without it cooling-hil starts its own mosquitto on 127.0.0.1 and a free port (needs /usr/sbin/mosquitto, Debian package mosquitto) and stops it at the end. device (required): the broker the running CDU is connected to",
    HelpName = "url",
};
var cduHost = new Option<string?>("--cdu-host")
{
    Description = "virtual: the firmware host to start, Cdu.Firmware.Host.dll (default: the one beside cooling-hil)",
    HelpName = "dll",
};
var timeScale = new Option<double?>("--time-scale")
{
    Description = "virtual: run the CDU freely on its own clock, N times as fast as the wall clock (the host's --time-scale; 0 < N <= 100; 1 = real time, as a device on a rig), the rig following it. Without it (the default) the CDU runs in lockstep with the rig's plant time (the host's --clock hil): as fast as the messages go, and the same on a busy machine. A machine too busy for N shows it in the run log (stale scans, long clock steps): lower N. device: how fast the running CDU's clock goes, 1 (the default) for a device; N only for a virtual CDU started with --time-scale N",
    HelpName = "N",
};
var site = new Option<string?>("--site") { Description = "device (required): the running CDU's site id (cooling/v1/{site}/…)", HelpName = "id" };
var cdu = new Option<string?>("--cdu") { Description = "device (required): the running CDU's id (…/cdu/{cdu}/…)", HelpName = "id" };
var attachTimeout = new Option<double?>("--attach-timeout")
{
    Description = "device: seconds each step of attaching may wait for the CDU (its telemetry, an acknowledgement, the starting mode) before the run stops with the reason (default 15)",
    HelpName = "s",
};

var list = new Command("list", "Lists the scenarios: name, requirements, plant time, tags, planner") { paths, tag };
list.SetAction(parse => Commands.List(parse.GetValue(paths)!, parse.GetValue(tag) ?? []));

var validate = new Command("validate", "Checks scenario files against the format (hil-tests/README.md); every error names the file and the JSON path") { paths };
validate.SetAction(parse => Commands.Validate(parse.GetValue(paths)!));

var run = new Command("run", """
    Runs scenarios (one file, a folder, a tag, or the whole certification suite) and writes the reports.
    On --target virtual each scenario starts a virtual CDU process (the firmware host, --io hil) on the broker and the
    rig plays its plant over the HIL I/O topics; a scenario that needs what only SIL gives (a control-cycle hang, a
    broker outage, the lockstep twin, the baselines, values the 1 Hz telemetry cannot resolve) is reported as not
    applicable, with the reason. Golden results are SIL's and are not compared on virtual or device: they are judged
    by their verdicts.
    On --target device cooling-hil starts nothing: for each scenario it attaches to the running CDU named by --broker,
    --site and --cdu, sends the scenario's firmware parameters as one configuration update (every parameter: the
    defaults where the scenario sets none; a refused update fails the scenario with the CDU's reason), ends manual
    holds, resets latched trips through a shutdown and starts the CDU again, waits (--attach-timeout) until it
    reports startup, then plays the plant freely on the CDU's clock. Scenarios without a supervisor run first: a CDU
    that accepted a lease stays in fallback until it is power-cycled.
    Exit code 0: every criterion met and every KPI within its golden tolerance; 1: a requirement failed or a KPI
    regressed (each named); 2: invalid scenarios or options, or the virtual target could not run.
    """)
{
    paths, tag, target, seed, engineer, output, noBaselines, noGolden, parallel, broker, cduHost, timeScale, site, cdu, attachTimeout,
};
run.SetAction((parse, cancellationToken) => Task.FromResult(Commands.Run(new RunRequest(
    parse.GetValue(paths)!, parse.GetValue(tag) ?? [], parse.GetValue(target)!, parse.GetValue(seed), parse.GetValue(engineer)!,
    parse.GetValue(output)!, !parse.GetValue(noBaselines), !parse.GetValue(noGolden), parse.GetValue(parallel),
    parse.GetValue(broker), parse.GetValue(cduHost), parse.GetValue(timeScale), parse.GetValue(site), parse.GetValue(cdu), parse.GetValue(attachTimeout)), cancellationToken)));

var golden = new Command("golden", "Golden results kept beside the scenarios (scenarios/golden/<name>.json)");
var goldenUpdate = new Command("update", "Runs the scenarios on SIL and rewrites their golden results deliberately (tolerances already in the files are kept)") { paths, tag, seed };
goldenUpdate.SetAction((parse, cancellationToken) => Task.FromResult(Commands.UpdateGolden(parse.GetValue(paths)!, parse.GetValue(tag) ?? [], parse.GetValue(seed), cancellationToken)));
golden.Subcommands.Add(goldenUpdate);

var folder = new Argument<string>("folder") { Description = "A report folder written by run", DefaultValueFactory = _ => "hil-report" };
var report = new Command("report", "Works with a written report");
var verify = new Command("verify", "Checks a report against its manifest: the SHA-256 of every artifact and scenario file (exit code 1 when anything changed)") { folder };
verify.SetAction(parse => Commands.Verify(parse.GetValue(folder)!));
var show = new Command("show", "Prints a report's verdicts and trace matrix from its summary.json") { folder };
show.SetAction(parse => Commands.Show(parse.GetValue(folder)!));
report.Subcommands.Add(verify);
report.Subcommands.Add(show);

var root = new RootCommand("""
    cooling-hil — the CDU certification suite. Scenarios are JSON files (hil-tests/scenarios, format in
    hil-tests/README.md) that name the requirements (docs/requirements.md) they verify and the KPI criteria that
    decide. They run against the firmware core on the twin's plant in process (--target sil, simulated time,
    deterministic for a seed) or against a virtual CDU over a real broker (--target virtual: the firmware host as
    its own process, the plant played over the HIL I/O topics; in lockstep with the plant's time, or freely on an
    accelerated wall clock with --time-scale) or against a CDU that is already running, such as a controller on a
    rig with its HIL jumper (--target device: attached over its broker, the plant played on its own clock).

    Typical use:
      cooling-hil list                                   what is there
      cooling-hil validate                               check every scenario file
      cooling-hil run --engineer "A. Person"             the whole suite on SIL, reports in ./hil-report
      cooling-hil run hil-tests/scenarios/pump-trip-failover.json
      cooling-hil run --tag safety --seed 7
      cooling-hil run --target virtual --tag virtual      the short scenarios on a virtual CDU over a mosquitto it starts
      cooling-hil run --target virtual --broker mqtt://127.0.0.1:1883 --time-scale 1 hil-tests/scenarios/virtual-pump-trip.json
      cooling-hil run --target device --broker mqtt://bench:1883 --site lab --cdu cdu1 --tag virtual
                                                         the same scenarios on a controller powered up with its HIL jumper
      cooling-hil golden update                          accept the current KPIs as the new golden results
      cooling-hil report verify hil-report               has anything changed since the report was signed?
    """)
{
    list, validate, run, golden, report,
};
return await root.Parse(args).InvokeAsync();
