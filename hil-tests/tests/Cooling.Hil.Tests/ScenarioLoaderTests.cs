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

    [Fact]
    public void Faults_disturbances_firmware_parameters_and_planners_are_checked_field_by_field()
    {
        var path = Write("""
            { "name": "faulty", "requirements": ["SAF-4"], "durationSeconds": 600,
              "plant": { "pumps": 3 },
              "firmware": { "valve.maximumPercent": 140, "valve.colour": 1 },
              "workload": { "kind": "mixed", "parts": [ { "racks": [1, 9], "workload": { "kind": "ramp", "from": 0.2, "to": 1.5, "atSeconds": 10 } } ] },
              "disturbances": [ { "kind": "facilityWater", "atSeconds": 700, "toCelsius": 90 } ],
              "faults": [
                { "kind": "sensor", "atSeconds": 60, "channel": "supply7", "fault": "melted" },
                { "kind": "leak", "atSeconds": 60, "zone": 5, "levelPercent": 80 },
                { "kind": "supervisorCrash", "atSeconds": 60 },
                { "kind": "meteor", "atSeconds": 60 } ],
              "supervisor": { "planner": "psychic" },
              "criteria": [ { "requirement": "SAF-4", "kpi": "sensorFaultDetectionSeconds", "maximum": 1 } ] }
            """);
        try
        {
            var message = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)).Message;

            Assert.Contains("$.firmware['valve.maximumPercent']: 140 is outside 0 … 100 %", message);
            Assert.Contains("$.firmware['valve.colour']: not a firmware parameter", message);
            Assert.Contains("$.plant.pumps: 3 pumps but the firmware's pump.count is 2", message);
            Assert.Contains("$.workload.parts[0].racks: rack 9 is not on the loop (1 … 4)", message);
            Assert.Contains("$.workload.parts[0].workload.to: must be 0 … 1", message);
            Assert.Contains("$.disturbances[0].atSeconds: must be 0 … below durationSeconds", message);
            Assert.Contains("$.disturbances[0].toCelsius: must be 5 … 45", message);
            Assert.Contains("$.faults[0].channel: 'supply7' is not a channel", message);
            Assert.Contains("$.faults[0].fault: 'melted' is not a sensor fault", message);
            Assert.Contains("$.faults[1].zone: must be 1 … 4", message);
            Assert.Contains("$.faults[3].kind: 'meteor' is not a fault", message);
            Assert.Contains("$.supervisor.planner: 'psychic' is not a planner", message);
            Assert.All(message.Split(Environment.NewLine), line => Assert.StartsWith(path + ": $", line));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_workload_trace_with_a_bad_cell_is_refused_with_its_line_and_column()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "trace.csv"), "timeSeconds,r1\n0,50\n60,lots\n");
        var path = Path.Combine(folder, "csv.json");
        File.WriteAllText(path, """
            { "name": "csv", "requirements": ["CTL-1"], "durationSeconds": 600,
              "workload": { "kind": "csv", "file": "trace.csv" },
              "criteria": [ { "requirement": "CTL-1", "kpi": "supplyTemperatureMaximumDeviationKelvin", "maximum": 0.5 } ] }
            """);
        try
        {
            var message = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)).Message;

            Assert.Contains("$.workload.file:", message);
            Assert.Contains("trace.csv line 3", message);
            Assert.Contains("'lots'", message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
