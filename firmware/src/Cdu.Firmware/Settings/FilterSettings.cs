using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The coolant filter's service limit (filter.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class FilterSettings
    {
        private readonly double[] _values;

        internal FilterSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>filter.serviceDeltaPressureKpa (kPa, 5 … 1000, default 60): Filter ΔP above which FilterRequiresService is raised.</summary>
        public double ServiceDeltaPressureKpa
        {
            get { return _values[ParameterTable.FilterServiceDeltaPressureKpa]; }
            set { _values[ParameterTable.FilterServiceDeltaPressureKpa] = value; }
        }
    }
}
