namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The ESP32 pin map of the CDU controller board (ESP32-WROOM-32 module, e.g. ESP32-DevKitC; nanoFramework target
    /// ESP32_REV3, two pumps). Not a WROVER module: its PSRAM takes GPIO 16 and 17. Every usable GPIO of the module is taken; GPIO 1 and 3 (UART0) stay free for the
    /// nanoFramework debugger and for nanoff, GPIO 6–11 belong to the flash. Strapping pins (0, 2, 5, 12, 15) are
    /// placed where their boot level is harmless — read the notes before rewiring.
    /// <code>
    /// GPIO  function                          dir  wiring / note
    /// ----  --------------------------------  ---  ---------------------------------------------------------------
    ///  18   SPI1 clock (SCK)                  out  6× MAX31865 (PT100, 430 Ω reference), 5 MHz, SPI mode 1
    ///  19   SPI1 MISO (SDO)                   in
    ///  23   SPI1 MOSI (SDI)                   out
    ///   5   CS  RTD supply 1                  out  strap (high at boot) = chip select idle: harmless
    ///  17   CS  RTD supply 2                  out
    ///  16   CS  RTD supply 3                  out
    ///   4   CS  RTD secondary return          out
    ///  15   CS  RTD facility supply           out  strap (pulled up at boot) = chip select idle: harmless
    ///  13   CS  RTD facility return           out
    ///  21   I2C1 SDA                          i/o  ADS1115 0x48 + 0x49 (5 V side of a PCA9306 level shifter), SHT3x 0x44 (3.3 V)
    ///  22   I2C1 SCL                          out
    ///  25   PWM valve command                 out  10 kHz → 2-pole RC filter → op-amp ×3.03 → 0–10 V into the valve actuator
    ///  26   PWM pump speed reference          out  same filter → 0–10 V into both drives (only the running drive follows it)
    ///  27   pump 1 run                        out  ULN2803 → 24 V relay → drive run input; energized = run
    ///   2   pump 2 run                        out  strap (must be low/floating for download mode): 10 kΩ pull-down on the board
    ///  33   isolation valves open             out  ULN2803 → relay → spring-return valves; energized = open, de-energized = closed
    ///   0   alarm relay                       out  strap/BOOT (high at boot): optocoupler LED from 3.3 V to this pin (active low);
    ///                                              the relay is held energized while healthy, so reset, boot and a dead board alarm
    ///  14   pump 1 fault                      in   internal pull-up; drive fault relay NC contact to GND: closed (low) = healthy,
    ///  32   pump 2 fault                      in   open (high) = fault — a cut wire reads as a fault
    ///  34   leak zone 1                       in   input-only pins: external 10 kΩ pull-up to 3.3 V; leak module relay NC contact to GND:
    ///  35   leak zone 2                       in   closed (low) = dry, open (high) = wet — a cut wire reads wet (0 % / 100 %)
    ///  36   leak zone 3 (SENSOR_VP)           in
    ///  39   leak zone 4 (SENSOR_VN)           in
    ///  12   HIL jumper                        in   strap MTDI: its reset pull-down keeps the 3.3 V flash setting whatever the jumper;
    ///                                              after boot the firmware enables the pull-up: jumper to GND = HIL mode (read once at start)
    ///
    /// I2C analog inputs (ADS1115, ±6.144 V range, 860 SPS, single-shot):
    ///   0x48 AIN0 ΔP transmitter     4–20 mA through 250 Ω → 1–5 V
    ///   0x48 AIN1 flow transmitter   4–20 mA through 250 Ω
    ///   0x48 AIN2 filter ΔP          4–20 mA through 250 Ω
    ///   0x48 AIN3 reservoir level    4–20 mA through 250 Ω (4 mA = 0 %, 20 mA = 100 %)
    ///   0x49 AIN0 valve position     0–10 V through a 2:1 divider (100 kΩ / 100 kΩ) → 0–5 V
    ///   0x49 AIN1 pump 1 speed       0–10 V drive analog output through 2:1
    ///   0x49 AIN2 pump 2 speed       0–10 V drive analog output through 2:1
    ///   0x49 AIN3 spare
    /// </code>
    /// </summary>
    public static class PinMap
    {
        // SPI bus 1 and the RTD chip selects.
        public const int SpiBus = 1;
        public const int SpiClock = 18;
        public const int SpiMiso = 19;
        public const int SpiMosi = 23;
        public const int RtdSupply1ChipSelect = 5;
        public const int RtdSupply2ChipSelect = 17;
        public const int RtdSupply3ChipSelect = 16;
        public const int RtdReturnChipSelect = 4;
        public const int RtdFacilitySupplyChipSelect = 15;
        public const int RtdFacilityReturnChipSelect = 13;

        /// <summary>Reference resistor of the MAX31865 boards, Ω (430 Ω for PT100).</summary>
        public const double RtdReferenceOhms = 430.0;

        // I2C bus 1: ADCs and the ambient sensor.
        public const int I2cBus = 1;
        public const int I2cData = 21;
        public const int I2cClock = 22;
        public const int TransmitterAdcAddress = 0x48;
        public const int FeedbackAdcAddress = 0x49;
        public const int AmbientSensorAddress = 0x44;

        /// <summary>Shunt resistor of every 4–20 mA input, Ω.</summary>
        public const double ShuntOhms = 250.0;

        /// <summary>Divider ratio of every 0–10 V input (input volts per ADC volt).</summary>
        public const double VoltageDividerRatio = 2.0;

        // Analog outputs (PWM → filter → 0–10 V).
        public const int ValvePwm = 25;
        public const int PumpSpeedPwm = 26;
        public const int PwmFrequencyHertz = 10000;

        // Digital outputs.
        public const int Pump1Run = 27;
        public const int Pump2Run = 2;
        public const int IsolationValvesOpen = 33;
        public const int AlarmRelay = 0;

        /// <summary>True: the alarm relay's line is driven low to energize it (optocoupler from 3.3 V).</summary>
        public const bool AlarmRelayActiveLow = true;

        // Digital inputs.
        public const int Pump1Fault = 14;
        public const int Pump2Fault = 32;
        public const int LeakZone1 = 34;
        public const int LeakZone2 = 35;
        public const int LeakZone3 = 36;
        public const int LeakZone4 = 39;
        public const int HilJumper = 12;

        /// <summary>Pumps wired on this board (pump.count must not exceed it).</summary>
        public const int PumpCount = 2;

        public static readonly int[] PumpRun = { Pump1Run, Pump2Run };
        public static readonly int[] PumpFault = { Pump1Fault, Pump2Fault };
        public static readonly int[] LeakZone = { LeakZone1, LeakZone2, LeakZone3, LeakZone4 };

        /// <summary>
        /// Pump speed feedback from tachometer pulses (ESP32 pulse counter) instead of the drives' 0–10 V outputs: one pin
        /// per pump, or −1 to read the ADS1115 at 0x49. Boards with spare pins only (this map has none).
        /// </summary>
        public static readonly int[] PumpTachometer = { -1, -1 };

        /// <summary>Tachometer pulses per revolution and rated speed (100 %), when <see cref="PumpTachometer"/> is used.</summary>
        public const int TachometerPulsesPerRevolution = 2;
        public const double PumpRatedRpm = 3000.0;

        /// <summary>
        /// Valve position feedback on an ESP32 ADC1 channel (0–10 V through a 10:3 divider) instead of the ADS1115 at 0x49,
        /// or −1. ADC1 only (ADC2 is unusable with Wi-Fi); boards with a spare ADC1 pin only.
        /// </summary>
        public const int ValvePositionEsp32AdcChannel = -1;

        /// <summary>Divider ratio on the ESP32 ADC option (the ESP32 ADC reads up to about 3.1 V at 11 dB).</summary>
        public const double Esp32AdcDividerRatio = 10.0 / 3.0;
    }
}
