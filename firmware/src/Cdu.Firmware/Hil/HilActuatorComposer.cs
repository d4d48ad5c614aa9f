using Cdu.Firmware.Io;

namespace Cdu.Firmware.Hil
{
    /// <summary>
    /// The writing half of the HIL I/O codec (docs/hil-io.md), shared by the device and the virtual CDU: composes one
    /// actuator message into a fixed buffer, without allocating:
    /// <c>{"v":1,"seq":N,"uptimeMilliseconds":N,"valveCommandPercent":x,"pumpRun":[..],"pumpSpeedPercent":[..],
    /// "isolationValvesOpen":b,"alarmRelay":b,"sensorsFresh":b,"acceptedSensorMessages":N,"rejectedSensorMessages":N}</c>.
    /// Commands are written with three decimals; a command that is not a number is written as 0. Written by hand: the
    /// core's JsonMessageWriter has no boolean array elements.
    /// </summary>
    public sealed class HilActuatorComposer
    {
        private readonly byte[] _buffer = new byte[512];
        private int _length;

        /// <summary>The composed message (the first <see cref="Length"/> bytes).</summary>
        public byte[] Buffer { get { return _buffer; } }

        public int Length { get { return _length; } }

        /// <summary>Composes the actuator message of <paramref name="outputs"/>; returns its length in <see cref="Buffer"/>.</summary>
        public int Compose(CduOutputs outputs, long sequence, long uptimeMilliseconds, bool sensorsFresh, long acceptedSensorMessages, long rejectedSensorMessages)
        {
            _length = 0;
            Text("{\"v\":1,\"seq\":");
            Integer(sequence);
            Text(",\"uptimeMilliseconds\":");
            Integer(uptimeMilliseconds);
            Text(",\"valveCommandPercent\":");
            Fixed(outputs.ValveCommandPercent);
            Text(",\"pumpRun\":[");
            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                if (i > 0) Text(",");
                Text(outputs.PumpRunCommand[i] ? "true" : "false");
            }

            Text("],\"pumpSpeedPercent\":[");
            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                if (i > 0) Text(",");
                Fixed(outputs.PumpSpeedCommandPercent[i]);
            }

            Text("],\"isolationValvesOpen\":");
            Text(outputs.IsolationValvesOpen ? "true" : "false");
            Text(",\"alarmRelay\":");
            Text(outputs.AlarmRelay ? "true" : "false");
            Text(",\"sensorsFresh\":");
            Text(sensorsFresh ? "true" : "false");
            Text(",\"acceptedSensorMessages\":");
            Integer(acceptedSensorMessages);
            Text(",\"rejectedSensorMessages\":");
            Integer(rejectedSensorMessages);
            Text("}");
            return _length;
        }

        private void Text(string text)
        {
            for (int i = 0; i < text.Length && _length < _buffer.Length; i++)
            {
                _buffer[_length++] = (byte)text[i];
            }
        }

        private void Digit(long digit)
        {
            if (_length < _buffer.Length)
            {
                _buffer[_length++] = (byte)('0' + (int)digit);
            }
        }

        private void Integer(long value)
        {
            if (value < 0)
            {
                Text("-");
                value = -value;
            }

            long divisor = 1;
            while (value / divisor >= 10) divisor *= 10;
            for (; divisor > 0; divisor /= 10)
            {
                Digit(value / divisor % 10);
            }
        }

        // Three decimals, rounded half to even like Math.Round(value, 3): the reader gets the same double.
        private void Fixed(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) value = 0;
            long thousandths = (long)System.Math.Round(System.Math.Abs(value) * 1000.0);
            if (value < 0 && thousandths > 0) Text("-");
            Integer(thousandths / 1000);
            Text(".");
            long fraction = thousandths % 1000;
            Digit(fraction / 100);
            Digit(fraction / 10 % 10);
            Digit(fraction % 10);
        }
    }
}
