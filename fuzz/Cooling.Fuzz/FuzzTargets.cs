using Cooling.Fuzz.Targets;

namespace Cooling.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new FirmwareJsonTarget(),
        new FirmwareSetpointTarget(),
        new FirmwareConfigurationTarget(),
        new HilInputsTarget(),
        new RackTelemetryTarget(),
        new CduMessagesTarget(),
        new PrometheusTarget(),
        new ScenarioTarget(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
