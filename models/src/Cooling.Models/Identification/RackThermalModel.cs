namespace Cooling.Models.Identification;

/// <summary>
/// The supervisor's reduced model of one rack: hottest-GPU die temperature from inlet temperature, rack flow and
/// rack GPU power, a discrete first-order lag towards a flow-dependent steady state:
///   T[k+1] = a·T[k] + (1 − a)·(T_in + b·P·q^(−n))        (P in kW, q in L/min, sample period Ts)
/// It is the twin's die model (<see cref="Components.GpuRack"/>: first-order lag towards T_in + P·R(q_plate), with
/// R(q) = R₁·q^(−n) of <see cref="Components.ColdPlate"/>) lumped to the rack: b = R₁·N^(n−1)·(spread of the hottest
/// GPU), a = e^(−Ts/τ). With n known (the cold plate's exponent, 0.38) the model is linear in its parameters:
///   T[k+1] − T_in[k+1] = a·(T[k] − T_in[k]) + c·P[k+1]·q[k+1]^(−n),   c = (1 − a)·b,
/// where the inputs at k + 1 stand for the interval (k, k+1]: GPU power steps in milliseconds, so the power read
/// with the temperature is the power that heated the die since the last sample.
/// </summary>
/// <param name="Pole">a, 0 … 1: the share of the last temperature rise that remains after one sample period.</param>
/// <param name="GainKelvinPerKilowatt">b, K per kW at 1 L/min (scaled by q^(−n)): the steady-state rise per unit regressor.</param>
/// <param name="FlowExponent">n of the flow law (known, not identified).</param>
/// <param name="SamplePeriodSeconds">Ts, s.</param>
public sealed record RackThermalModel(double Pole, double GainKelvinPerKilowatt, double FlowExponent, double SamplePeriodSeconds)
{
    /// <summary>The flow law's regressor P·q^(−n), kW·(L/min)^(−n).</summary>
    public static double Regressor(double gpuPowerWatts, double flowLitersPerMinute, double flowExponent) =>
        gpuPowerWatts / 1000.0 * Math.Pow(Math.Max(flowLitersPerMinute, 1e-3), -flowExponent);

    /// <summary>Time constant τ = −Ts / ln a, s (∞ for a ≥ 1, 0 for a ≤ 0).</summary>
    public double TimeConstantSeconds => Pole >= 1 ? double.PositiveInfinity : Pole <= 0 ? 0 : -SamplePeriodSeconds / Math.Log(Pole);

    /// <summary>Steady-state hottest-GPU temperature, °C.</summary>
    public double SteadyStateCelsius(double inletCelsius, double flowLitersPerMinute, double gpuPowerWatts) =>
        inletCelsius + GainKelvinPerKilowatt * Regressor(gpuPowerWatts, flowLitersPerMinute, FlowExponent);

    /// <summary>
    /// One-step-ahead prediction: the hottest GPU at k + 1, °C, from the sample at k and the inlet, flow and power
    /// at k + 1 (<paramref name="next"/>'s hottest-GPU temperature is not used).
    /// </summary>
    public double PredictNextCelsius(RackThermalSample previous, RackThermalSample next) =>
        next.InletTemperatureCelsius + Pole * (previous.HottestGpuTemperatureCelsius - previous.InletTemperatureCelsius)
        + (1 - Pole) * GainKelvinPerKilowatt * Regressor(next.GpuPowerWatts, next.FlowLitersPerMinute, FlowExponent);

    /// <summary>
    /// Least rack flow, L/min, that holds the hottest GPU at or below <paramref name="limitCelsius"/> in steady state
    /// with <paramref name="gpuPowerWatts"/> and inlet <paramref name="inletCelsius"/>: q = (b·P / (T_lim − T_in))^(1/n).
    /// ∞ when the inlet is at or above the limit.
    /// </summary>
    public double RequiredFlowLitersPerMinute(double inletCelsius, double gpuPowerWatts, double limitCelsius)
    {
        var allowedRise = limitCelsius - inletCelsius;
        if (allowedRise <= 0) return double.PositiveInfinity;
        var needed = GainKelvinPerKilowatt * gpuPowerWatts / 1000.0 / allowedRise;
        return needed <= 0 ? 0 : Math.Pow(needed, 1 / FlowExponent);
    }

    /// <summary>Warmest inlet, °C, that holds the hottest GPU at <paramref name="limitCelsius"/> in steady state at the given flow and power.</summary>
    public double HighestInletCelsius(double flowLitersPerMinute, double gpuPowerWatts, double limitCelsius) =>
        limitCelsius - GainKelvinPerKilowatt * Regressor(gpuPowerWatts, flowLitersPerMinute, FlowExponent);
}
