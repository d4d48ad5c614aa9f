using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Virtual;

/// <summary>How scenarios run on the virtual target.</summary>
public sealed record VirtualRunOptions
{
    /// <summary>The broker both the CDU and the rig use: mqtt://host:port.</summary>
    public required string BrokerUrl { get; init; }

    /// <summary>The firmware host, Cdu.Firmware.Host.dll (run with <c>dotnet</c>).</summary>
    public required string CduHostPath { get; init; }

    /// <summary>
    /// Null (the default): lockstep — the CDU's clock follows the plant time in the rig's scans (the host's
    /// <c>--clock hil</c>) and a period runs whenever both sides are done with the last. A number: the CDU runs freely on
    /// the wall clock that many times as fast (the host's <c>--time-scale</c>) and the rig follows it, as a rig follows a
    /// device; only a machine with time to spare keeps that up.
    /// </summary>
    public double? TimeScale { get; init; }

    /// <summary>Site id of the CDUs (each run has its own CDU id).</summary>
    public string SiteId { get; init; } = "hil";

    public int? Seed { get; init; }

    /// <summary>Firmware parameters over the scenario's (a deliberately broken build), given to the CDU in its configuration document.</summary>
    public IReadOnlyDictionary<string, double>? FirmwareOverrides { get; init; }

    /// <summary>Told the scenario time reached, s, every 500 control periods.</summary>
    public Action<Scenario, double>? Progress { get; init; }

    /// <summary>Scenarios run at once (each its own CDU process); 1 by default, so that a loaded machine keeps the time scale.</summary>
    public int Parallelism { get; init; } = 1;
}
