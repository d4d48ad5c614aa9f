using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using System.Device.Spi;
using System.Threading;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;
using Iot.Device.Sht3x;
using nanoFramework.Hardware.Esp32;
using UnitsNet;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The board's converter chips as <see cref="DeviceIo"/>'s scan thread uses them: opening a MAX31865 (Pt100, three
    /// wires, 50 Hz filter) or an ADS1115, and reading an RTD in °C, a 4–20 mA transmitter in mA (across the shunt) or
    /// a 0–10 V feedback in % (through the divider). A chip that is missing, faulted or fails on the bus reads NaN
    /// (a missing reading; the core's validators decide what that means).
    /// </summary>
    public static class DeviceConverters
    {
        public static Max31865 OpenRtd(int chipSelect)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(PinMap.SpiBus, chipSelect);
            settings.ClockFrequency = Max31865.SpiClockFrequency;
            settings.Mode = Max31865.SpiMode1;
            settings.DataFlow = Max31865.SpiDataFlow;
            try
            {
                return new Max31865(SpiDevice.Create(settings), PlatinumResistanceThermometerType.Pt100, ResistanceTemperatureDetectorWires.ThreeWire,
                    ElectricResistance.FromOhms(PinMap.RtdReferenceOhms), ConversionFilterMode.Filter50Hz);
            }
            catch (Exception)
            {
                return null; // reported missing; the supply vote works on the others
            }
        }

        public static Ads1115 OpenAdc(int address)
        {
            try
            {
                return new Ads1115(I2cDevice.Create(new I2cConnectionSettings(PinMap.I2cBus, address)), InputMultiplexer.AIN0,
                    MeasuringRange.FS6144, DataRate.SPS860, DeviceMode.PowerDown);
            }
            catch (Exception)
            {
                return null;
            }
        }

        public static double ReadRtd(Max31865 converter)
        {
            if (converter == null)
            {
                return double.NaN;
            }

            try
            {
                double celsius = converter.Temperature.DegreesCelsius;
                FaultStatus faults = converter.Faults;
                bool fault = faults.OverUnderVoltage || faults.ResistanceTemperatureDetectorLow || faults.ReferenceInLow
                    || faults.ReferenceInHigh || faults.LowThreshold || faults.HighThreshold;
                return fault ? double.NaN : celsius;
            }
            catch (Exception)
            {
                return double.NaN;
            }
        }

        public static double Milliamps(Ads1115 adc, InputMultiplexer input)
        {
            if (adc == null)
            {
                return double.NaN;
            }

            try
            {
                return adc.ReadVoltage(input).Volts / PinMap.ShuntOhms * 1000.0;
            }
            catch (Exception)
            {
                return double.NaN;
            }
        }

        public static double ZeroToTenPercent(Ads1115 adc, InputMultiplexer input)
        {
            if (adc == null)
            {
                return double.NaN;
            }

            try
            {
                return adc.ReadVoltage(input).Volts * PinMap.VoltageDividerRatio / 10.0 * 100.0;
            }
            catch (Exception)
            {
                return double.NaN;
            }
        }
    }
}
