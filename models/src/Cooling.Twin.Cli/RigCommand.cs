using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cooling.Mqtt.Connection;
using Cooling.Twin.Rig;
using Spectre.Console;

namespace Cooling.Twin.Cli;

/// <summary><c>cooling-twin rig</c>: the twin plays the plant for external CDUs over the HIL I/O topics.</summary>
internal static class RigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var hall = new HallOptions();
        var broker = new Option<string>("--broker") { Description = "The MQTT broker the CDUs are on: mqtt://host:port", Required = true, HelpName = "url" };
        var cdus = new Option<string[]>("--cdu")
        {
            Description = "Id of a CDU to play the plant for (repeat for several, or give several after one --cdu); each must run with HIL I/O (virtual CDU: --io hil; ESP32: HIL jumper)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "id",
        };
        var hours = new Option<double?>("--plant-hours") { Description = "Stop after this much plant time, hours (default: run until Ctrl+C)", HelpName = "hours" };
        var speed = new Option<double>("--speed")
        {
            Description = "Plant seconds per wall-clock second: 1 for CDUs on a real clock (devices, the virtual CDU process); more only for CDUs whose own clock is accelerated as much",
            DefaultValueFactory = _ => 1,
            HelpName = "factor",
        };
        var command = new Command("rig", """
            Rig mode: plays the plant for CDUs that run apart from the twin — ESP32 controllers on a HIL bench or
            virtual CDUs started with --io hil — over the HIL I/O topics (docs/hil-io.md). For every CDU it takes the
            actuator commands from cooling/v1/{site}/cdu/{cdu}/hil/actuators, steps that CDU's loop plant 100 ms under
            them and publishes the sensor scan on …/hil/sensors, 10 times per second of plant time. Start the rig
            before or together with the CDUs: a CDU without fresh sensor scans for 1 s goes to its safe state.
            Prints a status line every 10 plant seconds and the summary when it stops (Ctrl+C or --plant-hours).

            Examples:
              cooling-twin rig --broker mqtt://127.0.0.1:1883 --site lab --cdu cdu1
              cooling-twin rig --broker mqtt://10.0.0.5:1883 --site hall1 --cdu cdu1 cdu2 --racks 8 --plant-hours 1
            """);
        foreach (var option in hall.All) command.Options.Add(option);
        command.Options.Add(broker);
        command.Options.Add(cdus);
        command.Options.Add(hours);
        command.Options.Add(speed);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ids = parse.GetValue(cdus) ?? [];
            var plantHours = parse.GetValue(hours);
            var factor = parse.GetValue(speed);
            var problem = plantHours is { } h && !(h > 0 && h <= 720) ? $"--plant-hours: {h.ToString(CultureInfo.InvariantCulture)} is outside (0, 720]."
                : !(factor > 0 && factor <= 1000) ? $"--speed: {factor.ToString(CultureInfo.InvariantCulture)} is outside (0, 1000]."
                : ids.Length is < 1 or > 64 ? "--cdu: give 1 … 64 CDU ids."
                : ids.FirstOrDefault(id => !Cdu.Firmware.Messages.CduTopics.IsValidId(id)) is { } bad ? $"--cdu: '{bad}' is not a CDU id: use 1-32 characters of a-z, 0-9, - or _."
                : ids.Distinct(StringComparer.Ordinal).Count() != ids.Length ? "--cdu: each CDU id may be given once."
                : null;
            var description = problem is null ? hall.Describe(parse, ids.Length, out problem) : null;
            BrokerConnectionOptions? address = null;
            if (problem is null)
            {
                try
                {
                    address = BrokerConnectionOptions.Parse(parse.GetValue(broker)!);
                }
                catch (FormatException ex)
                {
                    problem = "--broker: " + ex.Message;
                }
            }

            if (problem is not null || description is null || address is null)
            {
                await error.WriteLineAsync(problem);
                return TwinCli.ExitUsage;
            }

            var console = TwinConsole.Create(output);
            await using var rig = new TwinRig(description, ids, address);
            console.MarkupLineInterpolated($"Rig on {address}, site [bold]{description.SiteId}[/]: plant for {string.Join(", ", ids)} ({description.Loop.RackCount} racks of {description.Loop.Rack.GpuCount} GPUs per CDU, seed {description.Seed}) at {factor:0.##}× real time. Ctrl+C stops.");
            try
            {
                await rig.StartAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (TimeoutException)
            {
                await error.WriteLineAsync($"--broker: {address} did not accept a connection within 10 s.");
                return TwinCli.ExitFailed;
            }
            catch (OperationCanceledException)
            {
                return TwinCli.ExitCancelled;
            }

            var wall = Stopwatch.StartNew();
            var nextStatus = TimeSpan.Zero;
            await rig.RunAsync(TimeProvider.System, factor, plantHours is { } ph ? TimeSpan.FromHours(ph) : null, plantTime =>
            {
                if (plantTime < nextStatus) return;
                nextStatus = plantTime + TimeSpan.FromSeconds(10);
                foreach (var loop in rig.Loops)
                {
                    var s = loop.Status();
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{plantTime:hh\\:mm\\:ss} {s.CduId}: supply {s.SupplyCelsius:0.00} °C (setpoint {SummaryTable.F(s.SetpointCelsius, "0.00")}), mode {s.Mode}, valve {s.ValveCommandPercent:0.0} %, pump 1 {SummaryTable.F(s.PumpSpeedCommandPercent, "0.0")} %, flow {s.FlowLitersPerMinute:0} L/min, ΔP {s.DeltaPressureKpa:0} kPa, IT {s.ItHeatWatts / 1000:0} kW; actuator messages {s.AcceptedActuatorMessages} taken, {s.RejectedActuatorMessages} refused"));
                }
            }, cancellationToken);
            wall.Stop();
            RunCommand.PrintSummary(console, rig.Summarize(), rig.PlantTime, wall.Elapsed, cancellationToken.IsCancellationRequested);
            foreach (var loop in rig.Loops.Where(l => l.LastRejection is not null))
            {
                console.WriteLine($"{loop.CduId}: last refused actuator message: {loop.LastRejection}");
            }

            if (rig.LateSteps > 0) console.WriteLine($"{rig.LateSteps} steps were taken late (the rig fell behind its clock).");
            return TwinCli.ExitOk;
        });
        return command;
    }
}
