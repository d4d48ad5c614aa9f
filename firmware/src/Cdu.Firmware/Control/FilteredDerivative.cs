namespace Cdu.Firmware.Control
{
    /// <summary>
    /// The derivative action's first-order filter Tf = Td/N, discretized by backward differences
    /// (Åström &amp; Wittenmark, "Computer-Controlled Systems", 3rd ed. 1997, ch. 8):
    ///   D_k = (Tf·D_{k−1} + Δ(c·r − y)) / (Tf + h).
    /// </summary>
    public static class FilteredDerivative
    {
        /// <summary>
        /// The next filtered rate D_k (measurement units per s) from the previous one, this sample's change Δ(c·r − y),
        /// the derivative time Td (s), the filter divisor N (≤ 0: unfiltered) and the sample time h (s).
        /// </summary>
        public static double Next(double previousRate, double change, double derivativeTimeSeconds, double filterDivisor, double h)
        {
            double filterTime = filterDivisor > 0 ? derivativeTimeSeconds / filterDivisor : 0;
            if (double.IsNaN(filterTime) || double.IsInfinity(filterTime))
            {
                filterTime = 0;
            }

            return (filterTime * previousRate + change) / (filterTime + h);
        }
    }
}
