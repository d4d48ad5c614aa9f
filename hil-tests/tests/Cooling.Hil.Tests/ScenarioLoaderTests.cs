using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Tests;

public sealed class ScenarioLoaderTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Every_problem_is_reported_with_the_file_and_the_field()
    {
        var path = Write("""
            { "name": "bad", "requirements": ["CTL-1"], "durationSeconds": 60,
              "workload": { "kind": "sine" },
              "criteria": [ { "requirement": "CTL-9", "kpi": "happiness", "fromSeconds": 120 } ] }
            """);
        try
        {
            var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

            Assert.Contains($"{path}: $.workload.kind: 'sine' is not a workload", ex.Message);
            Assert.Contains("$.criteria[0].kpi: 'happiness' is not a KPI", ex.Message);
            Assert.Contains("$.criteria[0]: give a maximum, a minimum or both", ex.Message);
            Assert.Contains("$.criteria[0].fromSeconds", ex.Message);
            Assert.Contains("$.criteria[0].requirement: 'CTL-9' is not in $.requirements", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_fields_and_malformed_JSON_are_refused_with_their_location()
    {
        var unknown = Write("""{ "name": "x", "requirements": ["A"], "durationSeconds": 1, "workload": {"kind":"constant"}, "criteria": [], "colour": "red" }""");
        var malformed = Write("""{ "name": "x", "requirements": [ """);
        try
        {
            Assert.Contains("colour", Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(unknown)).Message);
            Assert.StartsWith($"{malformed}: $", Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(malformed)).Message);
        }
        finally
        {
            File.Delete(unknown);
            File.Delete(malformed);
        }
    }
}
