using MathNet.Numerics.LinearAlgebra;

namespace Cooling.Models.Identification;

/// <summary>
/// Recursive least squares with exponential forgetting (Ljung, System Identification, 2nd ed., §11.2):
///   e = y − φᵀθ,  K = Pφ / (λ + φᵀPφ),  θ ← θ + K·e,  P ← (P − K·φᵀP) / λ.
/// Forgetting is applied only while trace(P) stays below <see cref="CovarianceTraceLimit"/>, so that a regressor
/// without excitation (a steady plant) cannot blow the covariance up ("covariance windup").
/// </summary>
public sealed class RecursiveLeastSquares
{
    private Vector<double> _parameters;
    private Matrix<double> _covariance;

    /// <param name="initialParameters">θ₀.</param>
    /// <param name="initialCovariance">P₀ = this · I (large: little trust in θ₀).</param>
    /// <param name="forgettingFactor">λ, 0.9 … 1 (1: no forgetting; memory ≈ 1 / (1 − λ) samples).</param>
    public RecursiveLeastSquares(double[] initialParameters, double initialCovariance, double forgettingFactor)
    {
        ArgumentNullException.ThrowIfNull(initialParameters);
        if (initialParameters.Length == 0) throw new ArgumentException("At least one parameter is required.", nameof(initialParameters));
        if (!(initialCovariance > 0)) throw new ArgumentOutOfRangeException(nameof(initialCovariance), "must be positive");
        if (forgettingFactor is < 0.9 or > 1) throw new ArgumentOutOfRangeException(nameof(forgettingFactor), "must be 0.9 … 1");
        _parameters = Vector<double>.Build.DenseOfArray((double[])initialParameters.Clone());
        _covariance = Matrix<double>.Build.DenseIdentity(initialParameters.Length) * initialCovariance;
        ForgettingFactor = forgettingFactor;
        CovarianceTraceLimit = initialCovariance * initialParameters.Length;
    }

    public double ForgettingFactor { get; }

    /// <summary>Forgetting is suspended while trace(P) is above this (default: trace of P₀).</summary>
    public double CovarianceTraceLimit { get; init; }

    /// <summary>θ, the current estimate.</summary>
    public Vector<double> Parameters => _parameters;

    /// <summary>P, proportional to the parameters' covariance (times the noise variance).</summary>
    public Matrix<double> Covariance => _covariance;

    public long Updates { get; private set; }

    /// <summary>φᵀθ: the model's output for regressor <paramref name="regressor"/>.</summary>
    public double Predict(Vector<double> regressor) => regressor.DotProduct(_parameters);

    /// <summary>Takes one observation; returns the a-priori error y − φᵀθ (before the update). Non-finite input changes nothing and returns NaN.</summary>
    public double Update(Vector<double> regressor, double output)
    {
        ArgumentNullException.ThrowIfNull(regressor);
        if (!double.IsFinite(output) || regressor.Exists(v => !double.IsFinite(v)))
        {
            return double.NaN;
        }

        var error = output - Predict(regressor);
        var pPhi = _covariance * regressor;
        var denominator = ForgettingFactor + regressor.DotProduct(pPhi);
        var gain = pPhi / denominator;
        _parameters += gain * error;
        var updated = _covariance - gain.OuterProduct(pPhi);
        updated = (updated + updated.Transpose()) * 0.5; // keep P symmetric against rounding
        _covariance = updated.Trace() < CovarianceTraceLimit ? updated / ForgettingFactor : updated;
        Updates++;
        return error;
    }
}
