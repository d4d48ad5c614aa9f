namespace Cdu.Firmware.Io
{
    /// <summary>
    /// One raw scan of the CDU's inputs, as the hardware delivers them. Allocated once; refilled every control
    /// cycle by <see cref="Platform.ICduIo"/>. Nothing here is trusted yet: <see cref="Safety.SensorValidator"/>
    /// turns readings into measurements. Temperatures come from RTD converters in °C (an open RTD reads far above
    /// any plausible value, a shorted one far below; NaN when the converter reports a fault); pressures and flow
    /// from 4–20 mA transmitters in mA (NAMUR NE 43: below 3.6 mA broken wire, above 21 mA short).
    /// </summary>
    public sealed class CduInputs
    {
        /// <summary>Redundant secondary supply temperature sensors.</summary>
        public const int SupplySensorCount = 3;

        /// <summary>Largest number of pumps the firmware drives.</summary>
        public const int MaximumPumps = 4;

        /// <summary>Leak detection zones (drip trays, manifolds, cable ropes).</summary>
        public const int LeakZoneCount = 4;

        private readonly double[] _supplyTemperatureCelsius = new double[SupplySensorCount];
        private readonly bool[] _pumpFault = new bool[MaximumPumps];
        private readonly double[] _pumpSpeedFeedbackPercent = new double[MaximumPumps];
        private readonly double[] _leakZoneLevelPercent = new double[LeakZoneCount];

        /// <summary>Secondary supply temperature, °C, per redundant RTD (−200 … 850 raw; NaN: converter fault).</summary>
        public double[] SupplyTemperatureCelsius { get { return _supplyTemperatureCelsius; } }

        /// <summary>Secondary return temperature, °C (RTD).</summary>
        public double ReturnTemperatureCelsius { get; set; }

        /// <summary>Facility water supply temperature into the heat exchanger, °C (RTD).</summary>
        public double FacilitySupplyTemperatureCelsius { get; set; }

        /// <summary>Facility water return temperature out of the heat exchanger, °C (RTD).</summary>
        public double FacilityReturnTemperatureCelsius { get; set; }

        /// <summary>Secondary ΔP transmitter current, mA (4 … 20 for 0 … span).</summary>
        public double DeltaPressureMilliamps { get; set; }

        /// <summary>Secondary flow transmitter current, mA (4 … 20 for 0 … span).</summary>
        public double FlowMilliamps { get; set; }

        /// <summary>Secondary filter ΔP transmitter current, mA (4 … 20 for 0 … span).</summary>
        public double FilterDeltaPressureMilliamps { get; set; }

        /// <summary>Facility valve position feedback, % open (0 … 100; NaN when the actuator gives none).</summary>
        public double ValvePositionPercent { get; set; }

        /// <summary>Ambient air temperature at the CDU, °C (digital sensor).</summary>
        public double AmbientTemperatureCelsius { get; set; }

        /// <summary>Ambient relative humidity at the CDU, % (digital sensor).</summary>
        public double RelativeHumidityPercent { get; set; }

        /// <summary>True when the ambient sensor answered this scan.</summary>
        public bool AmbientValid { get; set; }

        /// <summary>Each pump drive's fault contact (true = fault).</summary>
        public bool[] PumpFault { get { return _pumpFault; } }

        /// <summary>Each pump's measured speed, % of rated (tachometer or drive feedback).</summary>
        public double[] PumpSpeedFeedbackPercent { get { return _pumpSpeedFeedbackPercent; } }

        /// <summary>Each leak zone's wetness, % (0 dry … 100 flooded).</summary>
        public double[] LeakZoneLevelPercent { get { return _leakZoneLevelPercent; } }

        /// <summary>Reservoir (expansion tank) level, % (0 … 100).</summary>
        public double ReservoirLevelPercent { get; set; }

        /// <summary>Every reading missing (what an I/O reports for what it cannot measure, or for a silent or stale HIL rig).</summary>
        public void SetMissing()
        {
            for (int i = 0; i < SupplySensorCount; i++) SupplyTemperatureCelsius[i] = double.NaN;
            ReturnTemperatureCelsius = double.NaN;
            FacilitySupplyTemperatureCelsius = double.NaN;
            FacilityReturnTemperatureCelsius = double.NaN;
            DeltaPressureMilliamps = double.NaN;
            FlowMilliamps = double.NaN;
            FilterDeltaPressureMilliamps = double.NaN;
            ValvePositionPercent = double.NaN;
            AmbientTemperatureCelsius = double.NaN;
            RelativeHumidityPercent = double.NaN;
            AmbientValid = false;
            for (int i = 0; i < MaximumPumps; i++)
            {
                PumpFault[i] = false;
                PumpSpeedFeedbackPercent[i] = double.NaN;
            }

            for (int i = 0; i < LeakZoneCount; i++) LeakZoneLevelPercent[i] = double.NaN;
            ReservoirLevelPercent = double.NaN;
        }

        /// <summary>Copies every reading of <paramref name="from"/>.</summary>
        public void CopyFrom(CduInputs from)
        {
            for (int i = 0; i < SupplySensorCount; i++) SupplyTemperatureCelsius[i] = from.SupplyTemperatureCelsius[i];
            ReturnTemperatureCelsius = from.ReturnTemperatureCelsius;
            FacilitySupplyTemperatureCelsius = from.FacilitySupplyTemperatureCelsius;
            FacilityReturnTemperatureCelsius = from.FacilityReturnTemperatureCelsius;
            DeltaPressureMilliamps = from.DeltaPressureMilliamps;
            FlowMilliamps = from.FlowMilliamps;
            FilterDeltaPressureMilliamps = from.FilterDeltaPressureMilliamps;
            ValvePositionPercent = from.ValvePositionPercent;
            AmbientTemperatureCelsius = from.AmbientTemperatureCelsius;
            RelativeHumidityPercent = from.RelativeHumidityPercent;
            AmbientValid = from.AmbientValid;
            for (int i = 0; i < MaximumPumps; i++)
            {
                PumpFault[i] = from.PumpFault[i];
                PumpSpeedFeedbackPercent[i] = from.PumpSpeedFeedbackPercent[i];
            }

            for (int i = 0; i < LeakZoneCount; i++) LeakZoneLevelPercent[i] = from.LeakZoneLevelPercent[i];
            ReservoirLevelPercent = from.ReservoirLevelPercent;
        }
    }
}
