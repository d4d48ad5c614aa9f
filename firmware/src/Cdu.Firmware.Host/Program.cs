using System.CommandLine;

namespace Cdu.Firmware.Host;

/// <summary>The virtual CDU executable: <c>dotnet Cdu.Firmware.Host.dll --help</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var parse = CreateCommand(TimeProvider.System).Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });

        // A command line that does not parse (missing --site, --io serial, …) is a usage error like any other: 2.
        return parse.Errors.Count > 0 && exit != 0 ? VirtualCduRunner.ExitUsage : exit;
    }

    internal static RootCommand CreateCommand(TimeProvider time)
    {
        var broker = new Option<string>("--broker")
        {
            Description = "The MQTT broker: mqtt://host:port (default port 1883) or mqtts://host:port (TLS, default 8883); user:password@ may come before the host",
            DefaultValueFactory = _ => "mqtt://127.0.0.1:1883",
            HelpName = "url",
        };
        var username = new Option<string?>("--username") { Description = "Broker user name (replaces one given in --broker)", HelpName = "name" };
        var password = new Option<string?>("--password")
        {
            Description = "Broker password (replaces one given in --broker; CDU_BROKER_PASSWORD in the environment is used when neither gives one)",
            HelpName = "secret",
        };
        var site = new Option<string>("--site") { Description = "Site id: 1-32 characters of a-z, 0-9, - or _ (the {site} of cooling/v1/{site}/…)", Required = true, HelpName = "id" };
        var cdu = new Option<string>("--cdu") { Description = "CDU id: 1-32 characters of a-z, 0-9, - or _ (the {cdu} of …/cdu/{cdu}/…)", Required = true, HelpName = "id" };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "Configuration document to import at start (JSON as the CDU exports it on …/config/document: formatVersion, every parameter, crc32). It is validated as a whole and stored; a refused document stops the start with exit code 2",
            HelpName = "file",
        };
        var stateDir = new Option<DirectoryInfo?>("--state-dir")
        {
            Description = "Folder for the CDU's persistent records (config.json, runhours.json), written atomically. Without it nothing survives a restart and the CDU runs on the defaults (or on --config)",
            HelpName = "folder",
        };
        var io = new Option<string>("--io")
        {
            Description = "Where the sensors and actuators are: hil = a HIL rig or the twin over MQTT (…/hil/sensors in, …/hil/actuators out, docs/hil-io.md); gpio = a Linux GPIO chip, digital I/O only (needs --pins)",
            DefaultValueFactory = _ => "hil",
            HelpName = "hil|gpio",
        };
        io.AcceptOnlyFromAmong("hil", "gpio");
        var pins = new Option<FileInfo?>("--pins") { Description = "Pin map for --io gpio (JSON; see docs/technician-guide.md)", HelpName = "file" };
        var timeScale = new Option<double>("--time-scale")
        {
            Description = "Runs the CDU's clock N times as fast as the wall clock (0 < N <= 100): control cycle, watchdog, leases, stale-scan rule, telemetry and reconnection all follow it, so a rig playing the plant N times as fast certifies minutes of plant time in seconds (docs/hil-io.md). 1 (the default) is real time, the only setting for a CDU on a real plant",
            DefaultValueFactory = _ => 1.0,
            HelpName = "N",
        };
        var clockOption = new Option<string>("--clock")
        {
            Description = "The CDU's clock: system = the wall clock (scaled by --time-scale); hil = lockstep with the rig (needs --io hil): each sensor scan carries the plant's time (plantMilliseconds) and the clock moves to it, so the CDU runs one control period whenever the rig's plant has moved one on, as fast as the messages go and however busy the machine is (docs/hil-io.md). Simulation only",
            DefaultValueFactory = _ => "system",
            HelpName = "system|hil",
        };
        clockOption.AcceptOnlyFromAmong("system", "hil");
        timeScale.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value <= ScaledTimeProvider.MaximumScale))
            {
                result.AddError($"--time-scale: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a time scale: use a number above 0 and at most {ScaledTimeProvider.MaximumScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        });
        var root = new RootCommand(
            """
            Runs the CDU firmware core as a virtual CDU: the same control core as the ESP32 controller, connected to an MQTT
            broker under contract v1 (docs/mqtt.md), one control cycle every 100 ms (cycle.periodMilliseconds) and an
            independent watchdog every 100 ms. It publishes its retained state (birth) and 1 Hz telemetry and answers
            setpoint requests, commands and configuration messages. It keeps running without a broker and reconnects.
            Ctrl+C or SIGTERM stops it cleanly: it publishes its retained offline state, disconnects and exits with 0.
            Exit codes: 0 stopped cleanly, 1 could not run (e.g. the GPIO chip cannot be opened), 2 invalid options or a
            refused --config / --pins file.

            Examples:
              dotnet Cdu.Firmware.Host.dll --site hall1 --cdu cdu1
              dotnet Cdu.Firmware.Host.dll --broker mqtt://10.0.0.5:1883 --site hall1 --cdu cdu1 --state-dir /var/lib/cdu1 --config cdu1.json
              dotnet Cdu.Firmware.Host.dll --broker mqtts://broker.example:8883 --username cdu1 --site hall1 --cdu cdu1
              dotnet Cdu.Firmware.Host.dll --site lab --cdu bench1 --io gpio --pins pins.json --state-dir ./state
              dotnet Cdu.Firmware.Host.dll --site lab --cdu v1 --io hil --time-scale 10     (a rig plays the plant 10x as fast)
              dotnet Cdu.Firmware.Host.dll --site lab --cdu v1 --io hil --clock hil         (lockstep with the rig's plant time)
            """)
        {
            broker, username, password, site, cdu, config, stateDir, io, pins, timeScale, clockOption,
        };
        root.Validators.Add(result =>
        {
            if (result.GetResult(clockOption) is { Implicit: false } && result.GetValue(clockOption) == "hil" && result.GetResult(timeScale) is { Implicit: false })
            {
                result.AddError("--clock hil and --time-scale exclude each other: the rig's scans set the pace.");
            }
        });

        root.SetAction(async (parse, cancellationToken) =>
        {
            var plantClock = parse.GetValue(clockOption) == "hil" ? new Hil.HilPlantClock() : null;
            var options = new VirtualCduOptions
            {
                PlantClock = plantClock,
                BrokerUrl = parse.GetValue(broker)!,
                UserName = parse.GetValue(username),
                Password = parse.GetValue(password),
                EnvironmentPassword = Environment.GetEnvironmentVariable("CDU_BROKER_PASSWORD"),
                SiteId = parse.GetValue(site)!,
                CduId = parse.GetValue(cdu)!,
                ConfigurationFile = parse.GetValue(config)?.FullName,
                StateDirectory = parse.GetValue(stateDir)?.FullName,
                Io = parse.GetValue(io) == "gpio" ? IoKind.Gpio : IoKind.Hil,
                PinMapFile = parse.GetValue(pins)?.FullName,
            };

            // Ctrl+C (SIGINT) and SIGTERM cancel the token that System.CommandLine hands to this action.
            var scale = parse.GetValue(timeScale);
            var clock = plantClock?.Time ?? (scale == 1 ? time : new ScaledTimeProvider(time, scale));
            return await VirtualCduRunner.RunAsync(options, clock, Console.Out, Console.Error, cancellationToken);
        });

        return root;
    }
}
