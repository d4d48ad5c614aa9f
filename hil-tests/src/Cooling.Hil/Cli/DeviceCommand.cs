using System.Globalization;
using Cooling.Hil.Device;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Virtual;
using Spectre.Console;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Cli;

/// <summary><c>cooling-hil run --target device</c>: a running CDU on a given broker, attached scenario by scenario, live progress.</summary>
public static class DeviceCommand
{
    /// <summary>The results and the scenarios not applicable on the device; null when the target could not run (the reason is printed).</summary>
    public static (IReadOnlyList<ScenarioResult> Results, IReadOnlyList<NotApplicableScenario> NotApplicable)? Run(
        IReadOnlyList<Scenario> scenarios, RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.BrokerUrl is null || request.SiteId is null || request.CduId is null)
        {
            Console.Error.WriteLine("--target device needs the running CDU's broker, site and id: --broker mqtt://host:port --site S --cdu C.");
            return null;
        }

        try
        {
            BrokerAddress.Parse(request.BrokerUrl);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"--broker: {ex.Message}");
            return null;
        }

        if (request.TimeScale is { } scale && !(scale > 0 && scale <= 100))
        {
            Console.Error.WriteLine($"--time-scale: {scale.ToString(CultureInfo.InvariantCulture)} is not a time scale: use a number above 0 and at most 100.");
            return null;
        }

        if (request.AttachTimeoutSeconds is { } limit && !(limit > 0 && limit <= 3600))
        {
            Console.Error.WriteLine($"--attach-timeout: {limit.ToString(CultureInfo.InvariantCulture)} is not a time to wait: use seconds above 0 and at most 3600.");
            return null;
        }

        var options = new DeviceRunOptions
        {
            BrokerUrl = request.BrokerUrl,
            SiteId = request.SiteId,
            CduId = request.CduId,
            TimeScale = request.TimeScale ?? 1,
            Seed = request.Seed,
        };
        if (request.AttachTimeoutSeconds is { } attach) options = options with { AttachTimeout = TimeSpan.FromSeconds(attach) };
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Target device: the CDU {Markup.Escape(options.SiteId)}/{Markup.Escape(options.CduId)} on {Markup.Escape(options.BrokerUrl)}, its clock {options.TimeScale:G4}× the wall clock."));
        try
        {
            return RunWithProgress(scenarios, options, cancellationToken);
        }
        catch (DeviceRunException ex)
        {
            Console.Error.WriteLine($"The device target could not run: {ex.Message}");
            return null;
        }
        catch (VirtualRunException ex)
        {
            // The CDU fell silent during a scenario.
            Console.Error.WriteLine($"The device target could not run: {ex.Message}");
            return null;
        }
    }

    private static (IReadOnlyList<ScenarioResult>, IReadOnlyList<NotApplicableScenario>) RunWithProgress(IReadOnlyList<Scenario> scenarios, DeviceRunOptions options, CancellationToken cancellationToken) =>
        TargetProgress.Run(scenarios, s => DeviceTarget.NotApplicableReasons(s).Count == 0,
            progress => DeviceRunner.RunAllAsync(scenarios, options with { Progress = progress }, cancellationToken));
}
