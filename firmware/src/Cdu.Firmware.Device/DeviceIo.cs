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
    /// The CDU's hardware as the core sees it (<see cref="ICduIo"/>), wired as <see cref="PinMap"/> says.
    /// <para>
    /// The slow converters cannot be read inside a 100 ms cycle — a MAX31865 single-shot conversion takes about 75 ms
    /// (bias settling + 50 Hz filter), six of them half a second — so a scan thread reads them continuously, interleaving
    /// the ΔP and flow transmitters after every RTD so those refresh about every 90 ms, and keeps each reading with its
    /// time. <see cref="ReadInputs"/> copies the latest readings under a lock and reports a reading missing (NaN, ambient
    /// invalid) when it failed or is older than its limit (RTDs 2 s, transmitters and feedbacks 0.5 s, ambient 5 s);
    /// digital inputs are read directly. A MAX31865 fault flag, an I2C error or a 4–20 mA current outside 3.6 … 21 mA
    /// (NAMUR NE 43) reports that one reading missing; the core's validators decide what that means.
    /// </para>
    /// <para>
    /// <see cref="WriteOutputs"/> is called by the control cycle and by the watchdog thread, so it is locked. Outputs at
    /// start are de-energized (pumps off, isolation closed, alarm relay dropped = alarm) until the first cycle.
    /// </para>
    /// </summary>
    public sealed class DeviceIo : ICduIo
    {
        private const long RtdStaleMilliseconds = 2000;
        private const long AnalogStaleMilliseconds = 500;
        private const long AmbientStaleMilliseconds = 5000;
        private const int Rtds = 6;
        private const int Channels = 8; // 0x48 AIN0..3, 0x49 AIN0..3

        private readonly DeviceClock _clock;
        private readonly object _readingsGate = new object();
        private readonly object _outputGate = new object();
        private readonly double[] _rtd = new double[Rtds];
        private readonly long[] _rtdAt = new long[Rtds];
        private readonly double[] _analog = new double[Channels];
        private readonly long[] _analogAt = new long[Channels];
        private readonly GpioPin[] _pumpFault = new GpioPin[PinMap.PumpCount];
        private readonly GpioPin[] _leak = new GpioPin[CduInputs.LeakZoneCount];
        private readonly GpioPin[] _pumpRun = new GpioPin[PinMap.PumpCount];
        private readonly GpioPulseCounter[] _tachometer = new GpioPulseCounter[PinMap.PumpCount];
        private readonly long[] _tachometerCount = new long[PinMap.PumpCount];
        private readonly long[] _tachometerAt = new long[PinMap.PumpCount];
        private readonly double[] _tachometerPercent = new double[PinMap.PumpCount];
        private readonly GpioPin _isolation;
        private readonly GpioPin _alarm;
        private readonly PwmChannel _valvePwm;
        private readonly PwmChannel _pumpSpeedPwm;
        private readonly Max31865[] _rtdConverters = new Max31865[Rtds];
        private Ads1115 _transmitters;
        private Ads1115 _feedbacks;
        private Sht3x _ambient;
        private AdcChannel _valveAdc;
        private double _ambientTemperature = double.NaN;
        private double _ambientHumidity = double.NaN;
        private long _ambientAt = -1;
        private Thread _scan;

        public DeviceIo(GpioController gpio, DeviceClock clock)
        {
            _clock = clock;
            for (int i = 0; i < Rtds; i++)
            {
                _rtd[i] = double.NaN;
                _rtdAt[i] = -1;
            }

            for (int i = 0; i < Channels; i++)
            {
                _analog[i] = double.NaN;
                _analogAt[i] = -1;
            }

            // Outputs first, de-energized: nothing runs until the core says so.
            for (int i = 0; i < PinMap.PumpCount; i++)
            {
                _pumpRun[i] = gpio.OpenPin(PinMap.PumpRun[i], PinMode.Output);
                _pumpRun[i].Write(PinValue.Low);
            }

            _isolation = gpio.OpenPin(PinMap.IsolationValvesOpen, PinMode.Output);
            _isolation.Write(PinValue.Low);
            _alarm = gpio.OpenPin(PinMap.AlarmRelay, PinMode.Output);
            WriteAlarm(true);

            Configuration.SetPinFunction(PinMap.ValvePwm, DeviceFunction.PWM1);
            Configuration.SetPinFunction(PinMap.PumpSpeedPwm, DeviceFunction.PWM2);
            _valvePwm = PwmChannel.CreateFromPin(PinMap.ValvePwm, PinMap.PwmFrequencyHertz, 0);
            _pumpSpeedPwm = PwmChannel.CreateFromPin(PinMap.PumpSpeedPwm, PinMap.PwmFrequencyHertz, 0);
            _valvePwm.Start();
            _pumpSpeedPwm.Start();

            for (int i = 0; i < PinMap.PumpCount; i++)
            {
                _pumpFault[i] = gpio.OpenPin(PinMap.PumpFault[i], PinMode.InputPullUp);
                if (PinMap.PumpTachometer[i] >= 0)
                {
                    _tachometer[i] = new GpioPulseCounter(PinMap.PumpTachometer[i]);
                    _tachometer[i].Polarity = GpioPulsePolarity.Rising;
                    _tachometer[i].Start();
                    _tachometerAt[i] = -1;
                }
            }

            for (int i = 0; i < CduInputs.LeakZoneCount; i++)
            {
                // GPIO 34–39 have no internal pull-ups: the board carries external 10 kΩ pull-ups.
                _leak[i] = gpio.OpenPin(PinMap.LeakZone[i], PinMode.Input);
            }

            Configuration.SetPinFunction(PinMap.SpiMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(PinMap.SpiMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(PinMap.SpiClock, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(PinMap.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(PinMap.I2cClock, DeviceFunction.I2C1_CLOCK);
            int[] chipSelects =
            {
                PinMap.RtdSupply1ChipSelect, PinMap.RtdSupply2ChipSelect, PinMap.RtdSupply3ChipSelect,
                PinMap.RtdReturnChipSelect, PinMap.RtdFacilitySupplyChipSelect, PinMap.RtdFacilityReturnChipSelect,
            };
            for (int i = 0; i < Rtds; i++)
            {
                _rtdConverters[i] = DeviceConverters.OpenRtd(chipSelects[i]);
            }

            _transmitters = DeviceConverters.OpenAdc(PinMap.TransmitterAdcAddress);
            _feedbacks = DeviceConverters.OpenAdc(PinMap.FeedbackAdcAddress);
            try
            {
                _ambient = new Sht3x(I2cDevice.Create(new I2cConnectionSettings(PinMap.I2cBus, PinMap.AmbientSensorAddress)));
            }
            catch (Exception)
            {
                _ambient = null; // reported as ambient invalid: the core assumes its dew point
            }

            if (PinMap.ValvePositionEsp32AdcChannel >= 0)
            {
                _valveAdc = new AdcController().OpenChannel(PinMap.ValvePositionEsp32AdcChannel);
            }
        }

        /// <summary>Starts the scan thread (slow converters).</summary>
        public void Start()
        {
            _scan = new Thread(Scan);
            _scan.Priority = ThreadPriority.BelowNormal;
            _scan.Start();
        }

        public void ReadInputs(CduInputs inputs)
        {
            long now = _clock.GetUptimeMilliseconds();
            lock (_readingsGate)
            {
                for (int i = 0; i < CduInputs.SupplySensorCount; i++)
                {
                    inputs.SupplyTemperatureCelsius[i] = Fresh(_rtd[i], _rtdAt[i], now, RtdStaleMilliseconds);
                }

                inputs.ReturnTemperatureCelsius = Fresh(_rtd[3], _rtdAt[3], now, RtdStaleMilliseconds);
                inputs.FacilitySupplyTemperatureCelsius = Fresh(_rtd[4], _rtdAt[4], now, RtdStaleMilliseconds);
                inputs.FacilityReturnTemperatureCelsius = Fresh(_rtd[5], _rtdAt[5], now, RtdStaleMilliseconds);
                inputs.DeltaPressureMilliamps = Fresh(_analog[0], _analogAt[0], now, AnalogStaleMilliseconds);
                inputs.FlowMilliamps = Fresh(_analog[1], _analogAt[1], now, AnalogStaleMilliseconds);
                inputs.FilterDeltaPressureMilliamps = Fresh(_analog[2], _analogAt[2], now, AnalogStaleMilliseconds);
                double reservoirMilliamps = Fresh(_analog[3], _analogAt[3], now, AnalogStaleMilliseconds);
                inputs.ReservoirLevelPercent = reservoirMilliamps >= 3.6 && reservoirMilliamps <= 21.0
                    ? (reservoirMilliamps - 4.0) / 16.0 * 100.0
                    : double.NaN; // broken loop: the core reads an empty reservoir and stops the pumps (fail-safe)
                inputs.ValvePositionPercent = Fresh(_analog[4], _analogAt[4], now, AnalogStaleMilliseconds);
                for (int i = 0; i < CduInputs.MaximumPumps; i++)
                {
                    inputs.PumpSpeedFeedbackPercent[i] = i < PinMap.PumpCount
                        ? (PinMap.PumpTachometer[i] >= 0 ? _tachometerPercent[i] : Fresh(_analog[5 + i], _analogAt[5 + i], now, AnalogStaleMilliseconds))
                        : 0;
                }

                bool ambient = _ambientAt >= 0 && now - _ambientAt <= AmbientStaleMilliseconds;
                inputs.AmbientValid = ambient;
                inputs.AmbientTemperatureCelsius = ambient ? _ambientTemperature : double.NaN;
                inputs.RelativeHumidityPercent = ambient ? _ambientHumidity : double.NaN;
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                // Healthy drives hold their NC fault contact closed (low); open or cut reads high = fault.
                inputs.PumpFault[i] = i < PinMap.PumpCount && _pumpFault[i].Read() == PinValue.High;
            }

            for (int i = 0; i < CduInputs.LeakZoneCount; i++)
            {
                inputs.LeakZoneLevelPercent[i] = _leak[i].Read() == PinValue.High ? 100.0 : 0.0;
            }
        }

        public void WriteOutputs(CduOutputs outputs)
        {
            lock (_outputGate)
            {
                double speed = 0;
                for (int i = 0; i < PinMap.PumpCount; i++)
                {
                    bool run = outputs.PumpRunCommand[i];
                    _pumpRun[i].Write(run ? PinValue.High : PinValue.Low);
                    if (run && outputs.PumpSpeedCommandPercent[i] > speed)
                    {
                        speed = outputs.PumpSpeedCommandPercent[i];
                    }
                }

                _isolation.Write(outputs.IsolationValvesOpen ? PinValue.High : PinValue.Low);
                WriteAlarm(outputs.AlarmRelay);
                _valvePwm.DutyCycle = Duty(outputs.ValveCommandPercent);
                _pumpSpeedPwm.DutyCycle = Duty(speed);
            }
        }

        private static double Duty(double percent)
        {
            if (double.IsNaN(percent) || percent <= 0) return 0;
            return percent >= 100 ? 1.0 : percent / 100.0;
        }

        private static double Fresh(double value, long at, long now, long limit)
        {
            return at >= 0 && now - at <= limit ? value : double.NaN;
        }

        // Energized while healthy (fail-safe): a critical alarm, a reset or a dead board drops the relay.
        private void WriteAlarm(bool alarm)
        {
            bool energized = !alarm;
            bool high = PinMap.AlarmRelayActiveLow ? !energized : energized;
            _alarm.Write(high ? PinValue.High : PinValue.Low);
        }

        private void Scan()
        {
            InputMultiplexer[] inputs = { InputMultiplexer.AIN0, InputMultiplexer.AIN1, InputMultiplexer.AIN2, InputMultiplexer.AIN3 };
            int pass = 0;
            while (true)
            {
                for (int i = 0; i < Rtds; i++)
                {
                    StoreRtd(i, DeviceConverters.ReadRtd(_rtdConverters[i]));
                    StoreAnalog(0, DeviceConverters.Milliamps(_transmitters, InputMultiplexer.AIN0));
                    StoreAnalog(1, DeviceConverters.Milliamps(_transmitters, InputMultiplexer.AIN1));
                }

                StoreAnalog(2, DeviceConverters.Milliamps(_transmitters, InputMultiplexer.AIN2));
                StoreAnalog(3, DeviceConverters.Milliamps(_transmitters, InputMultiplexer.AIN3));
                StoreAnalog(4, _valveAdc != null ? ValveFromEsp32Adc() : DeviceConverters.ZeroToTenPercent(_feedbacks, inputs[0]));
                for (int i = 0; i < PinMap.PumpCount; i++)
                {
                    if (PinMap.PumpTachometer[i] >= 0)
                    {
                        UpdateTachometer(i);
                    }
                    else
                    {
                        StoreAnalog(5 + i, DeviceConverters.ZeroToTenPercent(_feedbacks, inputs[1 + i]));
                    }
                }

                if (pass++ % 5 == 0)
                {
                    ReadAmbient();
                }
            }
        }

        private void StoreRtd(int index, double celsius)
        {
            long now = _clock.GetUptimeMilliseconds();
            lock (_readingsGate)
            {
                _rtd[index] = celsius;
                _rtdAt[index] = double.IsNaN(celsius) ? -1 : now;
            }
        }

        private void StoreAnalog(int index, double value)
        {
            long now = _clock.GetUptimeMilliseconds();
            lock (_readingsGate)
            {
                _analog[index] = value;
                _analogAt[index] = double.IsNaN(value) ? -1 : now;
            }
        }

        private double ValveFromEsp32Adc()
        {
            try
            {
                // ESP32 ADC1 at 11 dB: about 0 … 3.1 V over 0 … 4095 (not linear near the ends; use the ADS1115 where it matters).
                double volts = _valveAdc.ReadValue() * 3.1 / 4095.0;
                return volts * PinMap.Esp32AdcDividerRatio / 10.0 * 100.0;
            }
            catch (Exception)
            {
                return double.NaN;
            }
        }

        private void UpdateTachometer(int pump)
        {
            GpioPulseCount count = _tachometer[pump].Read();
            long now = _clock.GetUptimeMilliseconds();
            if (_tachometerAt[pump] >= 0 && now - _tachometerAt[pump] >= 200)
            {
                double pulses = (long)count.Count - _tachometerCount[pump];
                double minutes = (now - _tachometerAt[pump]) / 60000.0;
                double rpm = pulses / PinMap.TachometerPulsesPerRevolution / minutes;
                lock (_readingsGate)
                {
                    _tachometerPercent[pump] = rpm / PinMap.PumpRatedRpm * 100.0;
                }
            }

            if (_tachometerAt[pump] < 0 || now - _tachometerAt[pump] >= 200)
            {
                _tachometerCount[pump] = (long)count.Count;
                _tachometerAt[pump] = now;
            }
        }

        private void ReadAmbient()
        {
            if (_ambient == null)
            {
                return;
            }

            try
            {
                double celsius = _ambient.Temperature.DegreesCelsius;
                double humidity = _ambient.Humidity.Percent;
                long now = _clock.GetUptimeMilliseconds();
                lock (_readingsGate)
                {
                    _ambientTemperature = celsius;
                    _ambientHumidity = humidity;
                    _ambientAt = now;
                }
            }
            catch (Exception)
            {
                // Stays invalid after AmbientStaleMilliseconds: the core assumes its dew point.
            }
        }
    }
}
