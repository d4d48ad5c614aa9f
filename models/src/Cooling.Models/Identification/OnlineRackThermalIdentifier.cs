using Cooling.Models.Components;
using MathNet.Numerics.LinearAlgebra;

namespace Cooling.Models.Identification;

/// <summary>
/// Identifies a <see cref="RackThermalModel"/> online, one telemetry sample at a time, by recursive least squares
/// with forgetting on T[k+1] − T_in[k+1] = a·(T[k] − T_in[k]) + c·P[k+1]·q[k+1]^(−n), b = c / (1 − a). Samples must come
/// at the fixed <see cref="SamplePeriodSeconds"/>; a sample that is unusable or arrives after a gap restarts the
/// pairing (the next sample only becomes the new "previous"). Not thread-safe: one identifier per rack.
/// </summary>
public sealed class OnlineRackThermalIdentifier
{
    private readonly RecursiveLeastSquares _rls;
    private readonly double _weight;
    private RackThermalSample? _previous;
    private double _meanSquaredError;
    private double _regressorMean;
    private double _regressorMeanSquare;
    private long _statisticsSamples;

    /// <param name="samplePeriodSeconds">Ts, s (the rack telemetry period).</param>
    /// <param name="forgettingFactor">λ: memory ≈ 1/(1 − λ) samples (0.998 at 1 Hz ≈ 8 min).</param>
    /// <param name="flowExponent">n of the flow law; by default the cold plate's.</param>
    public OnlineRackThermalIdentifier(double samplePeriodSeconds = 1.0, double forgettingFactor = 0.998, double flowExponent = ColdPlate.FlowExponent)
    {
        if (!(samplePeriodSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(samplePeriodSeconds), "must be positive");
        if (!(flowExponent > 0)) throw new ArgumentOutOfRangeException(nameof(flowExponent), "must be positive");
        SamplePeriodSeconds = samplePeriodSeconds;
        FlowExponent = flowExponent;
        _rls = new RecursiveLeastSquares([0.5, 0.0], 1000, forgettingFactor);
        _weight = 1 - forgettingFactor == 0 ? 1e-4 : 1 - forgettingFactor;
    }

    /// <summary>Updates whose errors are left out of the statistics (θ still moving from its start).</summary>
    public const int BurnInUpdates = 10;

    public double SamplePeriodSeconds { get; }

    public double FlowExponent { get; }

    /// <summary>The current estimate.</summary>
    public RackThermalModel Model
    {
        get
        {
            var a = _rls.Parameters[0];
            var c = _rls.Parameters[1];
            var b = a < 1 ? c / (1 - a) : double.PositiveInfinity;
            return new RackThermalModel(a, b, FlowExponent, SamplePeriodSeconds);
        }
    }

    /// <summary>The estimate's confidence now.</summary>
    public ModelConfidence Confidence
    {
        get
        {
            if (_statisticsSamples == 0) return ModelConfidence.None;
            var a = _rls.Parameters[0];
            var c = _rls.Parameters[1];
            var noise = _meanSquaredError;
            var p = _rls.Covariance;
            double gainRelative;
            if (a >= 1 || a <= -1 || c == 0)
            {
                gainRelative = double.PositiveInfinity;
            }
            else
            {
                // b = c/(1 − a): ∂b/∂a = c/(1 − a)², ∂b/∂c = 1/(1 − a).
                var g = Vector<double>.Build.Dense([c / ((1 - a) * (1 - a)), 1 / (1 - a)]);
                var variance = noise * g.DotProduct(p * g);
                gainRelative = Math.Sqrt(Math.Max(variance, 0)) / Math.Abs(c / (1 - a));
            }

            var spreadVariance = _regressorMeanSquare - _regressorMean * _regressorMean;
            var spread = _regressorMean > 0 ? Math.Sqrt(Math.Max(spreadVariance, 0)) / _regressorMean : 0;
            return new ModelConfidence(_rls.Updates, Math.Sqrt(noise), gainRelative, Math.Sqrt(Math.Max(noise * p[0, 0], 0)), spread);
        }
    }

    /// <summary>
    /// Takes the sample at k (after the one at k − 1, <paramref name="continuous"/> when exactly one period later);
    /// returns the model's one-step-ahead prediction error for it, K (NaN when none could be made): the hottest GPU
    /// predicted from the previous sample's temperatures and this sample's inlet, power and flow.
    /// </summary>
    public double Observe(RackThermalSample sample, bool continuous = true)
    {
        if (!sample.IsUsable)
        {
            _previous = null;
            return double.NaN;
        }

        var error = double.NaN;
        if (continuous && _previous is { } before)
        {
            var x = RackThermalModel.Regressor(sample.GpuPowerWatts, sample.FlowLitersPerMinute, FlowExponent);
            var regressor = Vector<double>.Build.Dense([before.HottestGpuTemperatureCelsius - before.InletTemperatureCelsius, x]);
            error = _rls.Update(regressor, sample.HottestGpuTemperatureCelsius - sample.InletTemperatureCelsius);
            // The first few updates only move θ from its arbitrary start; their errors say nothing about the model.
            if (double.IsFinite(error) && _rls.Updates > BurnInUpdates)
            {
                _statisticsSamples++;
                var w = Math.Max(_weight, 1.0 / _statisticsSamples);
                _meanSquaredError += w * (error * error - _meanSquaredError);
                _regressorMean += w * (x - _regressorMean);
                _regressorMeanSquare += w * (x * x - _regressorMeanSquare);
            }
        }

        _previous = sample;
        return error;
    }
}
