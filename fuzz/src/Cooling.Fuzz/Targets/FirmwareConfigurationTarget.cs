using Cdu.Firmware;
using Cdu.Firmware.Config;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The firmware's configuration updates and imports (<see cref="ConfigurationStore.Apply"/>). Invariants: a refusal
/// gives a reason and changes nothing; what it accepts is a valid configuration (every parameter in its range, the
/// rules between them hold), and reads back unchanged from what it stored (as after a restart).
/// </summary>
public sealed class FirmwareConfigurationTarget : FuzzTarget
{
    public override void Run(byte[] input)
    {
        var storage = new VolatileStorage();
        var store = new ConfigurationStore(storage);
        var settings = new CduSettings();
        var before = new CduSettings();
        var reason = store.Apply(input, input.Length, settings, out _);
        if (reason is not null)
        {
            InvariantViolationException.Check(reason.Length > 0, "refused without a reason");
            InvariantViolationException.Check(Differs(settings, before) is null, $"refused ({reason}) but {Differs(settings, before)} changed");
            return;
        }

        InvariantViolationException.Check(settings.Validate() is null, $"accepted an invalid configuration: {settings.Validate()}");
        var restarted = new CduSettings();
        var loaded = new ConfigurationStore(storage).Load(restarted);
        InvariantViolationException.Check(loaded, "what was accepted and stored does not load again");
        InvariantViolationException.Check(Differs(restarted, settings) is null, $"after a restart {Differs(restarted, settings)} differs from what was in force");
    }

    private static string? Differs(CduSettings a, CduSettings b)
    {
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            if (!a.Get(i).Equals(b.Get(i)))
            {
                return $"{ParameterTable.Get(i).Name} ({a.Get(i):R} vs {b.Get(i):R})";
            }
        }

        return null;
    }
}
