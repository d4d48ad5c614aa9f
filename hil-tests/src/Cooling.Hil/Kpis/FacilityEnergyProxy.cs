namespace Cooling.Hil.Kpis;

/// <summary>
/// Facility-side electric power for the heat a CDU rejects, as a proxy:
///   P = Q_hx / COP_ref · (1 − k·(T_supply − T_ref))
/// with COP_ref = 5 at T_ref = 30 °C secondary supply and k = 0.025 per K: a warmer secondary supply lets the
/// facility water run warmer by the same amount (constant approach), and chiller power falls ≈ 2–3 % per +1 °C of
/// facility supply temperature (industry rule of thumb, DESIGN §5). Bounded below at 20 % of the reference power
/// (pumps and fans of the facility side never stop).
/// </summary>
public static class FacilityEnergyProxy
{
    public const double ReferenceCoefficientOfPerformance = 5;
    public const double ReferenceSupplyCelsius = 30;
    public const double SavingPerKelvin = 0.025;

    public static double PowerWatts(double heatRejectedWatts, double secondarySupplyCelsius)
    {
        var factor = Math.Max(0.2, 1 - SavingPerKelvin * (secondarySupplyCelsius - ReferenceSupplyCelsius));
        return Math.Max(0, heatRejectedWatts) / ReferenceCoefficientOfPerformance * factor;
    }
}
