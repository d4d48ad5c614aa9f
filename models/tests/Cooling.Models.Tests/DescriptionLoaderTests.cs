using Cooling.Models.Components;
using Cooling.Models.Descriptions;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class DescriptionLoaderTests
{
    private static string PlantsDirectory => Path.Combine(AppContext.BaseDirectory, "plants");

    private static string Plant(string loopFields) => $$"""{ "formatVersion": 1, "name": "t", "loop": { {{loopFields}} } }""";

    [Fact]
    public void The_reference_plant_file_is_todays_loop_description()
    {
        var loaded = DescriptionLoader.LoadPlant(Path.Combine(PlantsDirectory, "reference-plant.json"));

        Assert.Equal(new LoopDescription(), loaded);
        Assert.Equal(loaded, BuiltInDescriptions.ReferencePlant());
    }

    [Fact]
    public void The_reference_hall_has_one_CDU_of_four_racks_and_staggered_steps()
    {
        var hall = DescriptionLoader.LoadHall(Path.Combine(PlantsDirectory, "reference-hall.json"));

        Assert.Equal(("hall1", 1, 4), (hall.SiteId, hall.CduCount, hall.RacksPerCdu));
        Assert.Equal(new LoopDescription(), hall.Loop);
        var steps = Assert.IsType<StaggeredStepsWorkload>(hall.Workload);
        Assert.Equal(new StaggeredStepsWorkload(TimeSpan.FromSeconds(360), 0.3, 1.0), steps);
        Assert.Equal(hall, BuiltInDescriptions.ReferenceHall());
    }

    [Fact]
    public void The_large_hall_has_50_CDUs_of_8_racks_of_72_GPUs_on_a_plant_sized_for_them()
    {
        var hall = DescriptionLoader.LoadHall(Path.Combine(PlantsDirectory, "large-hall.json"));

        Assert.Equal((50, 8, 72, 28_800), (hall.CduCount, hall.RacksPerCdu, hall.Loop.Rack.GpuCount, hall.GpuCount));
        Assert.Equal(1600, hall.Loop.PumpRatedFlowLitersPerMinute);
        var training = Assert.IsType<SynchronizedTrainingWorkload>(hall.Workload);
        Assert.Equal((0.4, 1.0, 7), (training.Low, training.High, training.Seed));
        Assert.Equal(TimeSpan.FromHours(4), training.JobDuration);
    }

    [Theory]
    [InlineData("\"pumpRatedFlowLitersPerMinute\": -5", "loop.pumpRatedFlowLitersPerMinute: must be > 0, got -5")]
    [InlineData("\"rackCount\": 100", "loop.rackCount: must be between 1 and 64, got 100")]
    [InlineData("\"rackCount\": 2.5", "loop.rackCount: must be a whole number, got 2.5")]
    [InlineData("\"supplyPipeVolumeLiters\": \"ten\"", "loop.supplyPipeVolumeLiters: must be a number, got \"ten\"")]
    [InlineData("\"coolant\": \"glycol\"", "loop.coolant: must be one of water, PG25, got \"glycol\"")]
    [InlineData("\"pumpEfficiencyPercent\": 120", "loop.pumpEfficiencyPercent: must be > 0 and <= 100, got 120")]
    [InlineData("\"pumpShutoffHeadKpa\": 100", "loop.pumpShutoffHeadKpa: must be > ratedDeltaPressureKpa (150) so that a pump reaches its rated point, got 100")]
    [InlineData("\"rack\": { \"gpuCount\": 0 }", "loop.rack.gpuCount: must be between 1 and 144, got 0")]
    [InlineData("\"rack\": { \"idlePowerWatts\": 900, \"maximumPowerWatts\": 800 }", "loop.rack.maximumPowerWatts: must be > idlePowerWatts (900), got 800")]
    [InlineData("\"facilitySupplyProfile\": { \"kind\": \"ramp\", \"durationSeconds\": 60 }", "loop.facilitySupplyProfile.toCelsius: is required")]
    [InlineData("\"facilitySupplyProfile\": { \"kind\": \"sine\" }", "loop.facilitySupplyProfile.kind: must be one of constant, ramp, daily, got \"sine\"")]
    public void A_bad_plant_field_is_named_with_the_reason_and_the_value(string loopFields, string expected)
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => DescriptionLoader.ParsePlant(Plant(loopFields)));

        Assert.Contains(expected, e.Errors);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_is_an_error_not_a_silent_default()
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => DescriptionLoader.ParsePlant(Plant("\"pumpRatedFlowLiterPerMinute\": 900")));

        var error = Assert.Single(e.Errors);
        Assert.StartsWith("loop.pumpRatedFlowLiterPerMinute: unknown field (known here: ", error, StringComparison.Ordinal);
        Assert.Contains("pumpRatedFlowLitersPerMinute", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => DescriptionLoader.ParsePlant(
            """{ "loop": { "pumpCount": 0, "returnVolumeLiters": 0 } }"""));

        Assert.Equal(
            ["formatVersion: is required", "loop.pumpCount: must be between 1 and 4, got 0", "loop.returnVolumeLiters: must be > 0, got 0"],
            e.Errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Broken_JSON_is_reported_with_its_line()
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => DescriptionLoader.ParsePlant("{\n \"formatVersion\": 1,\n \"loop\": { \"rackCount\": }\n}", "broken.json"));

        Assert.StartsWith("not valid JSON (line 3", Assert.Single(e.Errors), StringComparison.Ordinal);
        Assert.StartsWith("broken.json: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plant_file_sets_every_rating_it_names()
    {
        var loop = DescriptionLoader.ParsePlant(Plant("""
            "coolant": "water", "rackCount": 2, "supplyPipeVolumeLiters": 80, "pumpEfficiencyPercent": 65,
            "facilitySupplyProfile": { "kind": "daily", "amplitudeKelvin": 3, "peakHour": 16 },
            "rack": { "gpuCount": 8, "otherLoadPercent": 10, "plateFlowSpreadPercent": 0 }
            """));

        Assert.Same(Coolant.Coolant.Water, loop.Coolant);
        Assert.Equal((2, 80.0, 65.0), (loop.RackCount, loop.SupplyPipeVolumeLiters, loop.PumpEfficiencyPercent));
        Assert.Equal(new FacilityWaterDaily(3, 16), loop.FacilitySupplyProfile);
        Assert.Equal((8, 0.1, 0.0), (loop.Rack.GpuCount, loop.Rack.OtherLoadFraction, loop.Rack.PlateFlowSpreadFraction));
    }

    [Theory]
    [InlineData("\"siteId\": \"Hall 1\", \"cduCount\": 1, \"plantFile\": \"reference-plant.json\", \"workload\": { \"kind\": \"idle\" }", "siteId: must be 1 to 64 of a-z, 0-9, '-', '_', got \"Hall 1\"")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 1, \"racksPerCdu\": 8, \"plantFile\": \"reference-plant.json\", \"workload\": { \"kind\": \"idle\" }", "racksPerCdu: must equal the plant's loop.rackCount (4), got 8")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 1, \"plantFile\": \"missing.json\", \"workload\": { \"kind\": \"idle\" }", "plantFile: cannot read \"missing.json\"")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 1, \"workload\": { \"kind\": \"idle\" }", "plantFile: give either \"plantFile\"")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 1, \"plantFile\": \"reference-plant.json\", \"workload\": { \"kind\": \"training\" }", "workload.kind: must be one of constant, idle, staggeredSteps, step, ramp, synchronizedTraining, dailyInference, csvTrace, got \"training\"")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 1, \"plantFile\": \"reference-plant.json\", \"workload\": { \"kind\": \"constant\", \"utilizationPercent\": 140 }", "workload.utilizationPercent: must be between 0 and 100, got 140")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 1, \"plantFile\": \"reference-plant.json\", \"workload\": { \"kind\": \"csvTrace\", \"file\": \"none.csv\" }", "workload.file: cannot read \"none.csv\"")]
    [InlineData("\"siteId\": \"h\", \"cduCount\": 0, \"plantFile\": \"reference-plant.json\", \"workload\": { \"kind\": \"idle\" }", "cduCount: must be between 1 and 64, got 0")]
    public void A_bad_hall_field_is_named(string fields, string expectedStart)
    {
        var path = Path.Combine(PlantsDirectory, $"bad-hall-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{ "formatVersion": 1, {{fields}} }""");
        try
        {
            var e = Assert.Throws<InvalidDescriptionException>(() => DescriptionLoader.LoadHall(path));

            Assert.Contains(e.Errors, error => error.StartsWith(expectedStart, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Errors_inside_the_plant_file_a_hall_names_carry_that_file_name()
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => DescriptionLoader.ParseHall(
            """{ "formatVersion": 1, "siteId": "h", "cduCount": 2, "plantFile": "p.json", "workload": { "kind": "idle" } }""", "hall.json",
            _ => Plant("\"ratedDeltaPressureKpa\": 0")));

        Assert.Contains("plantFile: p.json: loop.ratedDeltaPressureKpa: must be > 0, got 0", e.Errors);
    }

    [Fact]
    public void A_hall_can_carry_its_plant_inline_and_a_CSV_trace_relative_to_itself()
    {
        var directory = Directory.CreateTempSubdirectory("cooling-hall");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "trace.csv"), "timeSeconds,a,b\n0,20,40\n10,60,80\n");
            var hallPath = Path.Combine(directory.FullName, "hall.json");
            File.WriteAllText(hallPath, """
                { "formatVersion": 1, "siteId": "lab", "cduCount": 1,
                  "plant": { "loop": { "rackCount": 2, "coolant": "water" } },
                  "workload": { "kind": "csvTrace", "file": "trace.csv", "repeat": false } }
                """);

            var hall = DescriptionLoader.LoadHall(hallPath);
            var workload = hall.Workload.Create();

            Assert.Equal(2, hall.RacksPerCdu);
            Assert.Equal(0.4, workload(TimeSpan.FromSeconds(5), 0, 0), 9);
            Assert.Equal(0.8, workload(TimeSpan.FromSeconds(50), 0, 1), 9);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
