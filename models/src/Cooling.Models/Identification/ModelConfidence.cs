namespace Cooling.Models.Identification;

/// <summary>
/// How far the reduced model may be trusted, from its identification:
/// <list type="bullet">
/// <item><see cref="Samples"/> — observations taken;</item>
/// <item><see cref="PredictionRmseKelvin"/> — root mean square of the one-step-ahead prediction error over the
/// model's memory (exponentially weighted with the forgetting factor), K;</item>
/// <item><see cref="GainRelativeStandardDeviation"/> — standard deviation of the steady-state gain b relative to b
/// (from the parameter covariance by the delta method: var b = σ²·gᵀPg, g = ∂b/∂θ);</item>
/// <item><see cref="PoleStandardDeviation"/> — standard deviation of the pole a;</item>
/// <item><see cref="RegressorRelativeSpread"/> — excitation: standard deviation of P·q^(−n) relative to its mean
/// over the memory (0 when power and flow never moved).</item>
/// </list>
/// </summary>
public sealed record ModelConfidence(
    long Samples,
    double PredictionRmseKelvin,
    double GainRelativeStandardDeviation,
    double PoleStandardDeviation,
    double RegressorRelativeSpread)
{
    /// <summary>Nothing learned yet.</summary>
    public static ModelConfidence None { get; } = new(0, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 0);

    /// <summary>True when every figure meets <paramref name="criteria"/>.</summary>
    public bool Meets(ConfidenceCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return Samples >= criteria.MinimumSamples
            && PredictionRmseKelvin <= criteria.MaximumPredictionRmseKelvin
            && GainRelativeStandardDeviation <= criteria.MaximumGainRelativeStandardDeviation;
    }

    /// <summary>Why the criteria are not met (the first figure that fails), or null when they are.</summary>
    public string? Shortfall(ConfidenceCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (Samples < criteria.MinimumSamples) return $"{Samples} samples < {criteria.MinimumSamples}";
        if (!(PredictionRmseKelvin <= criteria.MaximumPredictionRmseKelvin)) return $"prediction RMSE {PredictionRmseKelvin:F2} K > {criteria.MaximumPredictionRmseKelvin:F2} K";
        if (!(GainRelativeStandardDeviation <= criteria.MaximumGainRelativeStandardDeviation)) return $"gain uncertainty {GainRelativeStandardDeviation:P1} > {criteria.MaximumGainRelativeStandardDeviation:P1}";
        return null;
    }
}

/// <summary>When a reduced model counts as confident. Defaults: 2 minutes of 1 Hz samples, RMSE ≤ 1 K, gain within ±5 % (1σ).</summary>
public sealed record ConfidenceCriteria
{
    public long MinimumSamples { get; init; } = 120;

    public double MaximumPredictionRmseKelvin { get; init; } = 1.0;

    public double MaximumGainRelativeStandardDeviation { get; init; } = 0.05;
}
