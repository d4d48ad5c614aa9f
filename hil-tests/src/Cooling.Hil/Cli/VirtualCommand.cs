using System.Globalization;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Virtual;
using Cooling.Hil.Rig;
using Spectre.Console;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Cli;

/// <summary><c>cooling-hil run --target virtual</c>: the broker (given, or a mosquitto of its own), the firmware host, live progress.</summary>
public static class VirtualCommand
{
    /// <summary>The results and the scenarios not applicable on the target; null when the target could not run (the reason is printed).</summary>
    public static (IReadOnlyList<ScenarioResult> Results, IReadOnlyList<NotApplicableScenario> NotApplicable)? Run(
        IReadOnlyList<Scenario> scenarios, RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.CduHostPath ?? VirtualRunner.DefaultCduHostPath;
        if (!File.Exists(host))
        {
            Console.Error.WriteLine($"--cdu-host: the firmware host '{host}' does not exist (build firmware/src/Cdu.Firmware.Host, or give its Cdu.Firmware.Host.dll).");
            return null;
        }

        if (request.TimeScale is { } scale && !(scale > 0 && scale <= 100))
        {
            Console.Error.WriteLine($"--time-scale: {scale.ToString(CultureInfo.InvariantCulture)} is not a time scale: use a number above 0 and at most 100.");
            return null;
        }

        if (request.BrokerUrl is { } url)
        {
            try
            {
                BrokerAddress.Parse(url);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"--broker: {ex.Message}");
                return null;
            }
        }

        MosquittoBroker? own = null;
        try
        {
            if (request.BrokerUrl is null)
            {
                try
                {
                    own = MosquittoBroker.StartAsync().GetAwaiter().GetResult();
                }
                catch (InvalidOperationException ex)
                {
                    Console.Error.WriteLine($"--target virtual needs a broker: give one with --broker mqtt://host:port, or install mosquitto. {ex.Message}");
                    return null;
                }

                AnsiConsole.MarkupLine($"Started mosquitto on {Markup.Escape(own.Url)} for this run.");
            }

            var options = new VirtualRunOptions
            {
                BrokerUrl = request.BrokerUrl ?? own!.Url,
                CduHostPath = host,
                TimeScale = request.TimeScale,
                Seed = request.Seed,
                Parallelism = request.Parallelism > 0 ? request.Parallelism : 1,
            };
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Target virtual: firmware host {Markup.Escape(host)}, broker {Markup.Escape(options.BrokerUrl)}, {(options.TimeScale is { } x ? $"CDU clock {x:G4}× the wall clock" : "CDU clock in lockstep with the plant")}."));
            return RunWithProgress(scenarios, options, cancellationToken);
        }
        catch (VirtualRunException ex)
        {
            Console.Error.WriteLine($"The virtual target could not run: {ex.Message}");
            Console.Error.WriteLine("--- virtual CDU output ---");
            Console.Error.WriteLine(ex.CduOutput);
            return null;
        }
        finally
        {
            own?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static (IReadOnlyList<ScenarioResult>, IReadOnlyList<NotApplicableScenario>) RunWithProgress(IReadOnlyList<Scenario> scenarios, VirtualRunOptions options, CancellationToken cancellationToken) =>
        TargetProgress.Run(scenarios, s => VirtualTarget.NotApplicableReasons(s).Count == 0,
            progress => VirtualRunner.RunAllAsync(scenarios, options with { Progress = progress }, cancellationToken));
}
