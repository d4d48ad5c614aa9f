using Cdu.Firmware.Io;

namespace Cdu.Firmware.Platform
{
    /// <summary>
    /// The plant as the core sees it: sensor values in, actuator commands out. Implemented by the device's
    /// ADC/GPIO mapping, by the twin's simulated I/O, or by the HIL I/O topics of a rig.
    /// </summary>
    public interface ICduIo
    {
        /// <summary>Fills <paramref name="inputs"/> with the latest sensor values; marks each one invalid that could not be read.</summary>
        void ReadInputs(CduInputs inputs);

        /// <summary>Drives the actuators to <paramref name="outputs"/>.</summary>
        void WriteOutputs(CduOutputs outputs);
    }
}
