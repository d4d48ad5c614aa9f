using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The CDU controller application on the ESP32 (nanoFramework). Start-up order, each step safe on its own:
    /// 1. outputs de-energized (pumps off, isolation closed, alarm relay dropped) — by DeviceIo, or held so in HIL mode;
    /// 2. the HIL jumper is read once: fitted → the rig plays the plant over MQTT (HilMqttIo), the board's outputs stay
    ///    de-energized; open → the real hardware (DeviceIo);
    /// 3. the core loads its configuration and run hours from I:\cdu (missing/corrupt → safe defaults + alarm);
    /// 4. the control cycle and the watchdog start — before any network, so the CDU controls without a broker;
    /// 5. the MQTT link brings the network up and connects (retained birth, last will), reconnecting forever.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\cdu";

        public static void Main()
        {
            Debug.WriteLine("CDU firmware " + FirmwareInfo.Version + " (" + SiteConfiguration.SiteId + "/" + SiteConfiguration.CduId + ") starting");
            GpioController gpio = new GpioController();
            DeviceClock clock = new DeviceClock();
            bool hil = HilJumperFitted(gpio);
            DeviceBus bus = new DeviceBus(6, 6144);
            HilMqttIo hilIo = null;
            ICduIo io;
            if (hil)
            {
                Debug.WriteLine("HIL jumper fitted: sensors from the rig over MQTT, board outputs held de-energized");
                HoldOutputsDeEnergized(gpio);
                hilIo = new HilMqttIo(SiteConfiguration.SiteId, SiteConfiguration.CduId, clock, bus);
                io = hilIo;
            }
            else
            {
                DeviceIo deviceIo = new DeviceIo(gpio, clock);
                deviceIo.Start();
                io = deviceIo;
            }

            CduTopics topics = new CduTopics(SiteConfiguration.SiteId, SiteConfiguration.CduId);
            CduController controller = new CduController(new CduSettings(), clock, io, bus, topics, new FlashStorage(StorageFolder));
            if (!controller.ConfigurationLoaded)
            {
                Debug.WriteLine("Configuration: " + controller.Configuration.LoadError + " — running on the safe defaults");
            }

            MqttLink link = new MqttLink(controller, topics, bus, hilIo);
            if (hilIo != null)
            {
                hilIo.Link = link;
            }
            new CycleRunner(controller, link, clock, hilIo).Start();
            link.Start();
            Thread.Sleep(Timeout.Infinite);
        }

        // Jumper from PinMap.HilJumper to GND, read once at start with the internal pull-up: low = fitted.
        private static bool HilJumperFitted(GpioController gpio)
        {
            GpioPin jumper = gpio.OpenPin(PinMap.HilJumper, PinMode.InputPullUp);
            Thread.Sleep(10);
            int low = 0;
            for (int i = 0; i < 5; i++)
            {
                if (jumper.Read() == PinValue.Low) low++;
                Thread.Sleep(2);
            }

            jumper.Dispose();
            return low == 5; // all five samples: a floating or bouncing pin does not enter HIL mode
        }

        private static void HoldOutputsDeEnergized(GpioController gpio)
        {
            for (int i = 0; i < PinMap.PumpCount; i++)
            {
                gpio.OpenPin(PinMap.PumpRun[i], PinMode.Output).Write(PinValue.Low);
            }

            gpio.OpenPin(PinMap.IsolationValvesOpen, PinMode.Output).Write(PinValue.Low);
            // Alarm relay dropped (de-energized = alarm): a board in HIL mode must never look healthy to the plant.
            gpio.OpenPin(PinMap.AlarmRelay, PinMode.Output).Write(PinMap.AlarmRelayActiveLow ? PinValue.High : PinValue.Low);
            gpio.OpenPin(PinMap.ValvePwm, PinMode.Output).Write(PinValue.Low);
            gpio.OpenPin(PinMap.PumpSpeedPwm, PinMode.Output).Write(PinValue.Low);
        }
    }
}
