namespace Cdu.Firmware.Io
{
    /// <summary>
    /// One scan of the CDU's sensors. Allocated once; refilled every control cycle by <see cref="Platform.ICduIo"/>.
    /// A value whose validity flag is false must not be used for control.
    /// </summary>
    public sealed class CduInputs
    {
        /// <summary>Secondary (TCS) supply temperature to the racks, °C (−20 … 120).</summary>
        public double SupplyTemperatureCelsius { get; set; }
        public bool SupplyTemperatureValid { get; set; }

        /// <summary>Secondary (TCS) return temperature from the racks, °C (−20 … 120).</summary>
        public double ReturnTemperatureCelsius { get; set; }
        public bool ReturnTemperatureValid { get; set; }

        /// <summary>Facility water (FWS) supply temperature into the heat exchanger, °C.</summary>
        public double FacilitySupplyTemperatureCelsius { get; set; }
        public bool FacilitySupplyTemperatureValid { get; set; }

        /// <summary>Facility water (FWS) return temperature out of the heat exchanger, °C.</summary>
        public double FacilityReturnTemperatureCelsius { get; set; }
        public bool FacilityReturnTemperatureValid { get; set; }

        /// <summary>Secondary flow, L/min (0 … 5000).</summary>
        public double FlowLitersPerMinute { get; set; }
        public bool FlowValid { get; set; }

        /// <summary>Secondary differential pressure supply − return, kPa (0 … 1000).</summary>
        public double DeltaPressureKpa { get; set; }
        public bool DeltaPressureValid { get; set; }

        /// <summary>Facility valve position feedback, % open (0 … 100).</summary>
        public double ValvePositionPercent { get; set; }
        public bool ValvePositionValid { get; set; }

        /// <summary>Ambient (room) air temperature at the CDU, °C, for the dew-point guard.</summary>
        public double AmbientTemperatureCelsius { get; set; }
        public bool AmbientTemperatureValid { get; set; }

        /// <summary>Ambient relative humidity at the CDU, % (0 … 100), for the dew-point guard.</summary>
        public double RelativeHumidityPercent { get; set; }
        public bool RelativeHumidityValid { get; set; }
    }
}
