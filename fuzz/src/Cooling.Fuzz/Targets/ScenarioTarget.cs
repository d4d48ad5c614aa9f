using System.Text;
using System.Text.Json;
using Cooling.Hil.Scenarios;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The certification suite's scenario loader (<see cref="ScenarioLoader.Parse"/>), as if the input were a file in
/// hil-tests/scenarios (so its CSV traces resolve). Invariants: every problem is a <see cref="ScenarioException"/>
/// naming the file; an accepted scenario is valid, and written back as JSON it loads again as the same scenario.
/// </summary>
public sealed class ScenarioTarget : FuzzTarget
{
    private static readonly JsonSerializerOptions WriteOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string _path = Path.Combine(RepositoryFolder.Find(), "hil-tests", "scenarios", "fuzzed-input.json");

    public override void Run(byte[] input)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Parse(Encoding.UTF8.GetString(input), _path);
        }
        catch (ScenarioException ex)
        {
            InvariantViolationException.Check(ex.Message.StartsWith(_path, StringComparison.Ordinal), $"a refusal that does not name the file: {ex.Message}");
            return;
        }

        InvariantViolationException.Check(!ScenarioLoader.Validate(scenario).Any(), "accepted an invalid scenario");
        var written = JsonSerializer.Serialize(scenario, WriteOptions);
        Scenario again;
        try
        {
            again = ScenarioLoader.Parse(written, _path);
        }
        catch (ScenarioException ex)
        {
            throw new InvariantViolationException($"an accepted scenario, written back, is refused: {ex.Message}");
        }

        InvariantViolationException.Check(JsonSerializer.Serialize(again, WriteOptions) == written, "an accepted scenario, written back, reads as another");
    }
}
