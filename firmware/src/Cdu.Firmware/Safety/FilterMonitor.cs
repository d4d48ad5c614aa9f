namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// The strainer's service alarm: the filter ΔP above the service limit raises it; it clears below 90 % of the
    /// limit (hysteresis), or when the reading is not valid.
    /// </summary>
    public sealed class FilterMonitor
    {
        /// <summary>Fraction of the service limit below which an active alarm clears.</summary>
        public const double ClearFraction = 0.9;

        /// <summary>True while the filter needs service.</summary>
        public bool ServiceDue { get; private set; }

        public bool Update(bool valid, double deltaPressureKpa, double serviceDeltaPressureKpa)
        {
            double limit = ServiceDue ? serviceDeltaPressureKpa * ClearFraction : serviceDeltaPressureKpa;
            ServiceDue = valid && deltaPressureKpa > limit;
            return ServiceDue;
        }
    }
}
