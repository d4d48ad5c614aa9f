namespace Cdu.Firmware.Safety
{
    /// <summary>What sensor validation concluded about a channel. Anything but <see cref="Ok"/> means "do not use".</summary>
    public enum SensorStatus
    {
        Ok = 0,

        /// <summary>No reading (converter fault, NaN). Detected in one cycle.</summary>
        Missing = 1,

        /// <summary>Open circuit: RTD reading far above any plausible value, or 4–20 mA below 3.6 mA. One cycle.</summary>
        Open = 2,

        /// <summary>Short circuit: RTD reading far below any plausible value, or 4–20 mA above 21 mA. One cycle.</summary>
        Short = 3,

        /// <summary>Outside the plausible range of the process. One cycle.</summary>
        OutOfRange = 4,

        /// <summary>Changed faster than the process can. One cycle.</summary>
        RateOfChange = 5,

        /// <summary>Not changed at all for the stuck time.</summary>
        Stuck = 6,

        /// <summary>A redundant sensor off the others for the disagreement time; dropped from the vote.</summary>
        Disagreement = 7,
    }
}
