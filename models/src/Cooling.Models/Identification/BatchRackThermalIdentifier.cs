using Cooling.Models.Components;
using MathNet.Numerics.LinearAlgebra;

namespace Cooling.Models.Identification;

/// <summary>
/// Offline identification of a <see cref="RackThermalModel"/> from a recorded series: ordinary least squares (QR)
/// on the same regression as <see cref="OnlineRackThermalIdentifier"/>, over every pair of consecutive samples.
/// </summary>
public static class BatchRackThermalIdentifier
{
    /// <summary>
    /// Fits the model to <paramref name="samples"/> taken every <paramref name="samplePeriodSeconds"/>.
    /// <paramref name="continuous"/>[k] false marks a gap before sample k (no pair (k−1, k) is formed); null: no gaps.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 10 usable pairs, or no excitation at all.</exception>
    public static BatchIdentificationResult Identify(IReadOnlyList<RackThermalSample> samples, double samplePeriodSeconds,
        IReadOnlyList<bool>? continuous = null, double flowExponent = ColdPlate.FlowExponent)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var rows = new List<double[]>();
        var outputs = new List<double>();
        for (var k = 1; k < samples.Count; k++)
        {
            var before = samples[k - 1];
            var now = samples[k];
            if ((continuous is not null && !continuous[k]) || !before.IsUsable || !now.IsUsable) continue;
            rows.Add([before.HottestGpuTemperatureCelsius - before.InletTemperatureCelsius,
                RackThermalModel.Regressor(now.GpuPowerWatts, now.FlowLitersPerMinute, flowExponent)]);
            outputs.Add(now.HottestGpuTemperatureCelsius - now.InletTemperatureCelsius);
        }

        if (rows.Count < 10)
        {
            throw new ArgumentException($"Too little data to identify the rack model: {rows.Count} usable pairs of consecutive samples, at least 10 are needed.", nameof(samples));
        }

        var x = Matrix<double>.Build.DenseOfRowArrays(rows);
        var y = Vector<double>.Build.DenseOfEnumerable(outputs);
        var information = x.TransposeThisAndMultiply(x);
        if (information.Determinant() <= 1e-12 * information.L1Norm() * information.L1Norm())
        {
            throw new ArgumentException("The recording has no excitation: temperature rise and power/flow regressor are proportional or constant, so the parameters cannot be told apart.", nameof(samples));
        }

        var theta = x.QR().Solve(y);
        var residuals = y - x * theta;
        var variance = residuals.DotProduct(residuals) / Math.Max(rows.Count - 2, 1);
        var covariance = information.Inverse() * variance;
        var a = theta[0];
        var c = theta[1];
        var b = c / (1 - a);
        var g = Vector<double>.Build.Dense([c / ((1 - a) * (1 - a)), 1 / (1 - a)]);
        var gainStandardDeviation = Math.Sqrt(Math.Max(g.DotProduct(covariance * g), 0));
        return new BatchIdentificationResult(
            new RackThermalModel(a, b, flowExponent, samplePeriodSeconds),
            rows.Count,
            Math.Sqrt(residuals.DotProduct(residuals) / rows.Count),
            Math.Sqrt(Math.Max(covariance[0, 0], 0)),
            gainStandardDeviation);
    }
}

/// <summary>An offline fit: the model, the pairs used, the one-step-ahead RMSE (K) and the standard errors of a and b.</summary>
public sealed record BatchIdentificationResult(
    RackThermalModel Model,
    int Pairs,
    double PredictionRmseKelvin,
    double PoleStandardError,
    double GainStandardError);
