namespace Cdu.Firmware.Config
{
    /// <summary>
    /// The safety parameters and the hard limits compiled into the firmware: no configuration — a <c>config/set</c>, an
    /// imported or a stored document — can put a safety parameter outside them, so no configuration can switch a
    /// safety function off or make it too slow for its requirement. They are narrower than the engineering ranges of
    /// <see cref="ParameterTable"/> where a value inside that range would defeat the function; where the range is
    /// already safe, the hard limit repeats it so the list of safety parameters is complete. docs/firmware-parameters.md
    /// lists them with their rationale.
    /// </summary>
    public static class HardLimits
    {
        private static readonly int[] Parameters =
        {
            ParameterTable.LeakCriticalPercent,
            ParameterTable.LeakReactionDelaySeconds,
            ParameterTable.ReservoirLowLowPercent,
            ParameterTable.ReservoirReactionDelaySeconds,
            ParameterTable.DryRunFlowLitersPerMinute,
            ParameterTable.DryRunSeconds,
            ParameterTable.WatchdogHangSeconds,
            ParameterTable.WatchdogOverrunMilliseconds,
            ParameterTable.LeaseMinimumSeconds,
            ParameterTable.LeaseMaximumSeconds,
            ParameterTable.SupplyTemperatureMinimumCelsius,
            ParameterTable.SupplyTemperatureMaximumCelsius,
            ParameterTable.DewPointMarginKelvin,
            ParameterTable.DeltaPressureMaximumKpa,
        };

        private static readonly double[] Minimums = { 5.0, 0.0, 5.0, 0.0, 10.0, 1.0, 0.2, 50.0, 1.0, 5.0, 15.0, 18.0, 1.0, 20.0 };

        private static readonly double[] Maximums = { 50.0, 0.8, 50.0, 0.8, 1000.0, 30.0, 1.8, 1000.0, 600.0, 600.0, 45.0, 60.0, 10.0, 400.0 };

        private static readonly string[] Rationales =
        {
            "above half the zone's range a real leak may never reach the threshold: SAF-1 would not trip",
            "with a 100 ms cycle the reaction stays within SAF-1's 1 s",
            "0 switches the low-low trip off: the pumps would run the reservoir dry (SAF-2)",
            "with a 100 ms cycle the reaction stays within SAF-2's 1 s",
            "0 switches dry-run detection off: a pump running without water destroys its seal",
            "a mechanical seal running dry fails within about a minute: the trip must come well before",
            "SAF-5: outputs safe within 2 s of a hang",
            "a cycle slower than 1 s is not a control cycle; the watchdog must judge overruns below that",
            "shorter than one telemetry period no supervisor can renew in time",
            "COM-1: without a supervisor the CDU falls back to its local setpoints within 10 min",
            "colder supply approaches the dew point of most halls: SAF-3's margin must not be the only guard",
            "ASHRAE W-class liquid cooling tops out at 45 … 60 °C supply",
            "SAF-3: the supply is never commanded within 1 K of the dew point",
            "the secondary loop's components are rated for 400 kPa differential",
        };

        /// <summary>Number of safety parameters.</summary>
        public static int Count { get { return Parameters.Length; } }

        /// <summary>Parameter index (<see cref="ParameterTable"/>) of safety parameter <paramref name="i"/>.</summary>
        public static int ParameterAt(int i) { return Parameters[i]; }

        public static double MinimumAt(int i) { return Minimums[i]; }

        public static double MaximumAt(int i) { return Maximums[i]; }

        public static string RationaleAt(int i) { return Rationales[i]; }

        /// <summary>Position of parameter <paramref name="parameterIndex"/> in the list of safety parameters, or −1 when it is not one.</summary>
        public static int IndexOf(int parameterIndex)
        {
            for (int i = 0; i < Parameters.Length; i++)
            {
                if (Parameters[i] == parameterIndex)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when parameter <paramref name="parameterIndex"/> is a safety parameter.</summary>
        public static bool IsSafetyParameter(int parameterIndex)
        {
            return IndexOf(parameterIndex) >= 0;
        }

        /// <summary>
        /// Null when <paramref name="value"/> of parameter <paramref name="parameterIndex"/> lies within the hard limits (or
        /// the parameter has none), else the refusal, e.g. "leak.criticalPercent 100 outside the firmware's hard limit 5 … 50".
        /// </summary>
        public static string Check(int parameterIndex, double value)
        {
            int i = IndexOf(parameterIndex);
            if (i < 0 || (value >= Minimums[i] && value <= Maximums[i]))
            {
                return null;
            }

            return ParameterTable.Get(parameterIndex).Name + " " + Format(value) + " outside the firmware's hard limit "
                + Format(Minimums[i]) + " … " + Format(Maximums[i]);
        }

        /// <summary>A number as people write it, whatever the culture: "100", "0.8", "-2.125" (three decimals at most).</summary>
        public static string Format(double value)
        {
            bool negative = value < 0;
            double magnitude = negative ? -value : value;
            if (magnitude >= 1e15)
            {
                return negative ? "-1e15+" : "1e15+";
            }

            long thousandths = (long)System.Math.Floor(magnitude * 1000 + 0.5);
            long whole = thousandths / 1000;
            long fraction = thousandths % 1000;
            string text = whole.ToString();
            if (fraction != 0)
            {
                string digits = (fraction + 1000).ToString().Substring(1);
                int end = digits.Length;
                while (digits[end - 1] == '0')
                {
                    end--;
                }

                text = text + "." + digits.Substring(0, end);
            }

            return negative ? "-" + text : text;
        }
    }
}
