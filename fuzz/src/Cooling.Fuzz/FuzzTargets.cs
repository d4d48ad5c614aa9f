using Cooling.Fuzz.Targets;

namespace Cooling.Fuzz;

/// <summary>
/// Every fuzz target, by name. Targets are made on demand: under AFL++ no instrumented code may run before SharpFuzz
/// has attached the coverage map, so the fuzzing entry point makes its target only inside the fuzzing loop.
/// </summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, (string Description, Func<FuzzTarget> Create)> Factories = new(StringComparer.Ordinal)
    {
        ["firmware-json"] = ("Cdu.Firmware.Messages.JsonMessageReader.Parse + accessors, checked against System.Text.Json", () => new FirmwareJsonTarget()),
        ["firmware-setpoint"] = ("JsonMessageReader.Parse + Cdu.Firmware.Link.SetpointArbiter.Decide, one request per line", () => new FirmwareSetpointTarget()),
        ["firmware-config"] = ("Cdu.Firmware.Config.ConfigurationStore.Apply, then Load of what it stored", () => new FirmwareConfigurationTarget()),
        ["hil-io"] = ("Cdu.Firmware.Host.Hil.HilTopicIo.Parse (the HIL sensor message codec)", () => new HilInputsTarget()),
        ["rack-telemetry"] = ("Cooling.Supervisor.Contract.RackTelemetryReader.Read (RackTelemetryScanner + RackTelemetryJsonReader)", () => new RackTelemetryTarget()),
        ["cdu-messages"] = ("Cooling.Supervisor.Contract.CduMessageReader.ReadTelemetry/ReadAcknowledgement/ReadState/ReadEvent", () => new CduMessagesTarget()),
        ["prometheus"] = ("Cooling.Supervisor.Dcgm.PrometheusTextParser.Parse, each sample written back and read again", () => new PrometheusTarget()),
        ["scenario"] = ("Cooling.Hil.Scenarios.ScenarioLoader.Parse, accepted scenarios written back and parsed again", () => new ScenarioTarget()),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static bool Exists(string name) => Factories.ContainsKey(name);

    /// <summary>What the target fuzzes, through which entry point (no instrumented code runs).</summary>
    public static string Describe(string name) => Factories[name].Description;

    public static FuzzTarget Create(string name) => Factories[name].Create();
}
