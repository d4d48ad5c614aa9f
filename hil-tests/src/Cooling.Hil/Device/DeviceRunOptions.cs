using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Device;

/// <summary>How scenarios run on the device target: a CDU already running, which cooling-hil attaches to and does not start.</summary>
public sealed record DeviceRunOptions
{
    /// <summary>The broker the CDU is connected to: mqtt://host:port.</summary>
    public required string BrokerUrl { get; init; }

    /// <summary>The CDU's site id, as in its site configuration.</summary>
    public required string SiteId { get; init; }

    /// <summary>The CDU's id.</summary>
    public required string CduId { get; init; }

    /// <summary>
    /// How fast the CDU's clock runs against the wall clock: 1 for a device (the default); a virtual CDU started with
    /// <c>--time-scale N</c> needs the same N here, since the rig paces the plant on the CDU's clock.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>
    /// Null for a CDU on its own clock (a device; a virtual CDU free-running, <see cref="TimeScale"/>); for a virtual
    /// CDU started with <c>--clock hil</c>, where its clock stands: the rig then runs it in lockstep with the plant, as
    /// the virtual target does, and every wait is on the CDU's clock (the wall clock bounds only a CDU that does not answer).
    /// </summary>
    public LockstepClock? Lockstep { get; init; }

    /// <summary>Bound of each wait while attaching (telemetry, acknowledgements, the starting mode): wall time, or the CDU's clock in lockstep.</summary>
    public TimeSpan AttachTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public int? Seed { get; init; }

    /// <summary>Firmware parameters over the scenario's (a deliberately broken build), sent in the configuration update.</summary>
    public IReadOnlyDictionary<string, double>? FirmwareOverrides { get; init; }

    /// <summary>Told the scenario time reached, s, every 500 control periods.</summary>
    public Action<Scenario, double>? Progress { get; init; }
}
