using Cooling.Models.Identification;
using Xunit.Abstractions;

namespace Cooling.Models.Tests.Identification;

public sealed class RackThermalIdentificationTests(ITestOutputHelper output)
{
    private static readonly Lazy<TwinRecording> Recording = new(() => TwinRecording.Record(seconds: 3600, seed: 7));

    [Fact]
    public void Online_recursive_least_squares_recovers_the_twins_parameters_within_5_percent_and_predicts_within_half_a_kelvin()
    {
        var recording = Recording.Value;
        var identifier = new OnlineRackThermalIdentifier(TwinRecording.SamplePeriodSeconds);
        var errors = new List<double>();
        for (var k = 0; k < recording.Samples.Count; k++)
        {
            var error = identifier.Observe(recording.Samples[k]);
            if (k >= 600 && double.IsFinite(error)) errors.Add(error); // after the first 10 minutes
        }

        var model = identifier.Model;
        var rmse = Math.Sqrt(errors.Average(e => e * e));
        var poleError = Math.Abs(model.Pole - recording.TruePole) / recording.TruePole;
        var gainError = Math.Abs(model.GainKelvinPerKilowatt - recording.TrueGainKelvinPerKilowatt) / recording.TrueGainKelvinPerKilowatt;
        output.WriteLine($"online: a = {model.Pole:F4} (twin {recording.TruePole:F4}, {poleError:P2}), b = {model.GainKelvinPerKilowatt:F4} (twin {recording.TrueGainKelvinPerKilowatt:F4}, {gainError:P2}), τ = {model.TimeConstantSeconds:F2} s, one-step RMSE {rmse:F3} K, confidence {identifier.Confidence}");

        Assert.True(poleError < 0.05, $"pole off by {poleError:P2}");
        Assert.True(gainError < 0.05, $"gain off by {gainError:P2}");
        Assert.True(rmse < 0.5, $"one-step-ahead RMSE {rmse:F3} K");
        Assert.True(identifier.Confidence.Meets(new ConfidenceCriteria()), identifier.Confidence.Shortfall(new ConfidenceCriteria()));
    }

    [Fact]
    public void Offline_least_squares_from_a_csv_recording_recovers_the_parameters_and_predicts_a_fresh_recording()
    {
        var recording = Recording.Value;
        var csv = new StringWriter();
        RackTelemetryCsv.Write(csv, recording.Samples.Select((s, k) => new RecordedRackSample(1_764_000_000_000 + k * 1000L, "cdu1-r01", s)));

        var rows = RackTelemetryCsv.Read(new StringReader(csv.ToString()));
        var fit = Assert.Single(RackTelemetryCsv.IdentifyPerRack(rows, TwinRecording.SamplePeriodSeconds)).Value;

        var poleError = Math.Abs(fit.Model.Pole - recording.TruePole) / recording.TruePole;
        var gainError = Math.Abs(fit.Model.GainKelvinPerKilowatt - recording.TrueGainKelvinPerKilowatt) / recording.TrueGainKelvinPerKilowatt;
        var validation = TwinRecording.Record(seconds: 1200, seed: 11).Samples;
        var squares = 0.0;
        for (var k = 1; k < validation.Count; k++)
        {
            var e = validation[k].HottestGpuTemperatureCelsius - fit.Model.PredictNextCelsius(validation[k - 1], validation[k]);
            squares += e * e;
        }

        var rmse = Math.Sqrt(squares / (validation.Count - 1));
        output.WriteLine($"offline: a = {fit.Model.Pole:F4} ± {fit.PoleStandardError:F4} ({poleError:P2}), b = {fit.Model.GainKelvinPerKilowatt:F4} ± {fit.GainStandardError:F4} ({gainError:P2}), fit RMSE {fit.PredictionRmseKelvin:F3} K, validation RMSE {rmse:F3} K over {validation.Count} s");

        Assert.Equal(recording.Samples.Count - 1, fit.Pairs);
        Assert.True(poleError < 0.05, $"pole off by {poleError:P2}");
        Assert.True(gainError < 0.05, $"gain off by {gainError:P2}");
        Assert.True(rmse < 0.5, $"validation RMSE {rmse:F3} K");
    }

    [Fact]
    public void Without_data_or_with_too_little_the_model_is_not_confident()
    {
        var identifier = new OnlineRackThermalIdentifier();
        Assert.False(identifier.Confidence.Meets(new ConfidenceCriteria()));
        Assert.Equal(0, identifier.Confidence.Samples);

        foreach (var sample in Recording.Value.Samples.Take(60))
        {
            identifier.Observe(sample);
        }

        var confidence = identifier.Confidence;
        Assert.False(confidence.Meets(new ConfidenceCriteria()));
        Assert.StartsWith("59 samples < 120", confidence.Shortfall(new ConfidenceCriteria()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_built_on_wrong_data_shows_a_large_prediction_error_and_loses_confidence()
    {
        var identifier = new OnlineRackThermalIdentifier();
        foreach (var sample in Recording.Value.Samples.Take(900)) identifier.Observe(sample);
        Assert.True(identifier.Confidence.Meets(new ConfidenceCriteria()));

        // The hottest GPU's sensor starts reading 0 … 8 K off at random: the model no longer explains the data.
        var random = new Random(3);
        foreach (var sample in Recording.Value.Samples.Skip(900).Take(300))
        {
            identifier.Observe(sample with { HottestGpuTemperatureCelsius = sample.HottestGpuTemperatureCelsius + 8 * random.NextDouble() });
        }

        Assert.False(identifier.Confidence.Meets(new ConfidenceCriteria()), identifier.Confidence.ToString());
    }

    [Fact]
    public void Unusable_samples_and_gaps_do_not_form_pairs()
    {
        var identifier = new OnlineRackThermalIdentifier();
        var samples = Recording.Value.Samples;
        identifier.Observe(samples[0]);
        Assert.True(double.IsFinite(identifier.Observe(samples[1])));
        Assert.True(double.IsNaN(identifier.Observe(samples[2] with { GpuPowerWatts = double.NaN })));
        Assert.True(double.IsNaN(identifier.Observe(samples[3])), "the sample after an unusable one only starts a new pair");
        Assert.True(double.IsNaN(identifier.Observe(samples[4], continuous: false)));
        Assert.True(double.IsFinite(identifier.Observe(samples[5])));
    }

    [Fact]
    public void Offline_identification_refuses_a_recording_without_excitation()
    {
        var flat = Enumerable.Repeat(new RackThermalSample(30, 180, 90_000, 60), 100).ToList();

        var error = Assert.Throws<ArgumentException>(() => BatchRackThermalIdentifier.Identify(flat, 1.0));
        Assert.Contains("no excitation", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 10", Assert.Throws<ArgumentException>(() => BatchRackThermalIdentifier.Identify(flat.Take(5).ToList(), 1.0)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timestampUnixMilliseconds,rackId,inletTemperatureCelsius,flowLitersPerMinute,gpuPowerWatts\n1,r1,30,180,90000\n", "line 1: column 'hottestGpuTemperatureCelsius' is missing from the header")]
    [InlineData("timestampUnixMilliseconds,rackId,inletTemperatureCelsius,flowLitersPerMinute,gpuPowerWatts,hottestGpuTemperatureCelsius\n1,r1,30,180,90000,60\n2,r1,30,abc,90000,60\n", "line 3: flowLitersPerMinute 'abc' is not a number")]
    [InlineData("timestampUnixMilliseconds,rackId,inletTemperatureCelsius,flowLitersPerMinute,gpuPowerWatts,hottestGpuTemperatureCelsius\n1,,30,180,90000,60\n", "line 2: rackId is empty")]
    [InlineData("", "line 1: the CSV is empty")]
    public void A_bad_csv_is_refused_with_the_line_and_field(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RackTelemetryCsv.Read(new StringReader(text)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_inverts_for_the_flow_and_inlet_that_meet_a_limit()
    {
        var model = new RackThermalModel(0.6, 2.0, 0.38, 1.0);

        var flow = model.RequiredFlowLitersPerMinute(40, 100_000, 82);
        Assert.Equal(82, model.SteadyStateCelsius(40, flow, 100_000), 9);
        var inlet = model.HighestInletCelsius(150, 100_000, 82);
        Assert.Equal(82, model.SteadyStateCelsius(inlet, 150, 100_000), 9);
        Assert.Equal(double.PositiveInfinity, model.RequiredFlowLitersPerMinute(82, 100_000, 82));
        Assert.Equal(-1 / Math.Log(0.6), model.TimeConstantSeconds, 9);
    }
}
