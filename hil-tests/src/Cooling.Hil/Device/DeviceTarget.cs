using Cooling.Hil.Scenarios;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Device;

/// <summary>
/// The device target: a CDU that is already running — a controller powered up with its HIL jumper, or a virtual CDU
/// started apart — attached over its broker; the plant is played over the HIL I/O topics as on the virtual target,
/// freely on the CDU's own clock. What the virtual target cannot run, this one cannot either (the same rules, phrased
/// for a device); and what cooling-hil cannot do to a CDU it did not start — restart it — makes more scenarios not
/// applicable. A lease left by an earlier scenario or supervisor is released before each scenario (docs/mqtt.md).
/// </summary>
public static class DeviceTarget
{
    public const string Name = "device";

    /// <summary>Why <paramref name="scenario"/> cannot run on a device (empty: it can).</summary>
    public static IReadOnlyList<string> NotApplicableReasons(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return [.. VirtualTarget.NotApplicableReasons(scenario).Select(reason =>
            reason.StartsWith("fault controllerHang", StringComparison.Ordinal)
                ? "fault controllerHang stops the control cycle inside the firmware: a device offers no way in, and only a restart of the CDU would clear the fault's traces before the next scenario"
            : reason.StartsWith("fault brokerOutage", StringComparison.Ordinal)
                ? reason + "; and the broker of a bench is not cooling-hil's to stop"
            : reason.StartsWith("initial.pumpRunHours", StringComparison.Ordinal)
                ? "initial.pumpRunHours are set on the firmware's pump table in process; a device keeps its own run hours, which only a technician sets"
            : reason)];
    }
}
