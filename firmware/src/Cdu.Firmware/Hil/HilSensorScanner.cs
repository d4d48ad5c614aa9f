using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Hil
{
    /// <summary>
    /// The reading half of the HIL I/O codec (docs/hil-io.md), shared by the device and the virtual CDU: reads one
    /// sensor message of the rig into a <see cref="CduInputs"/>, in the core's C# subset (no allocation for a valid
    /// message). The core's strict <see cref="JsonMessageReader"/> validates the whole document (grammar, duplicate
    /// names) and reads the top-level members; it has no access to array elements, so the arrays are scanned here from
    /// the member's offset (safe: the document is already validated). Every field is required, unknown fields are
    /// ignored, numbers may be null (a missing channel); a refusal names the field first ("field: what was wrong").
    /// </summary>
    public sealed class HilSensorScanner
    {
        /// <summary>Largest sensor message accepted, bytes.</summary>
        public const int MaximumMessageBytes = 8192;

        /// <summary>Why a message over <see cref="MaximumMessageBytes"/> is refused.</summary>
        public const string OversizeReason = "oversize message: larger than 8192 bytes";

        /// <summary>Why a valid message whose sequence is not above the last accepted one is refused (while the scan is fresh).</summary>
        public const string StaleSequenceReason = "stale seq: not greater than the last accepted one";

        private static readonly string[] Fields =
        {
            "v", "seq", "supplyTemperaturesCelsius", "returnTemperatureCelsius", "facilitySupplyTemperatureCelsius",
            "facilityReturnTemperatureCelsius", "deltaPressureMilliamps", "flowMilliamps", "filterDeltaPressureMilliamps",
            "valvePositionPercent", "ambientTemperatureCelsius", "relativeHumidityPercent", "ambientValid", "pumpFaults",
            "pumpSpeedFeedbackPercent", "leakZonesPercent", "reservoirLevelPercent",
        };

        private readonly JsonMessageReader _reader = new JsonMessageReader();
        private byte[] _buffer = new byte[1];
        private int _end;
        private string _reason = string.Empty;

        /// <summary>Why the last message was refused (empty after a valid one).</summary>
        public string Reason { get { return _reason; } }

        /// <summary>Sequence number of the last valid message.</summary>
        public long Sequence { get; private set; }

        /// <summary>
        /// The last valid message's optional <c>plantMilliseconds</c> (an integer ≥ 0: the plant's time of the scan, which a
        /// virtual CDU on the rig's clock follows), or −1 when it carried none or an unusable one.
        /// </summary>
        public long PlantMilliseconds { get; private set; }

        /// <summary>Reads <paramref name="length"/> bytes of <paramref name="buffer"/>; true when valid (then <paramref name="into"/> holds the scan).</summary>
        public bool Scan(byte[] buffer, int length, CduInputs into)
        {
            _buffer = buffer;
            _end = length;
            JsonError error = _reader.Parse(buffer, 0, length);
            if (error != JsonError.None)
            {
                return Fail(JsonErrorText.Describe(error));
            }

            for (int i = 0; i < Fields.Length; i++)
            {
                if (_reader.GetKind(Fields[i]) == JsonValueKind.None)
                {
                    return Fail(Fields[i] + ": missing");
                }
            }

            long version;
            if (!_reader.TryGetInteger("v", out version) || version != 1)
            {
                return Fail("v: must be 1");
            }

            long sequence;
            if (!_reader.TryGetInteger("seq", out sequence) || sequence < 0)
            {
                return Fail("seq: a non-negative integer is required");
            }

            double value;
            if (!Array("supplyTemperaturesCelsius", into.SupplyTemperatureCelsius, CduInputs.SupplySensorCount, CduInputs.SupplySensorCount, double.NaN)) return false;
            if (!Number("returnTemperatureCelsius", out value)) return false;
            into.ReturnTemperatureCelsius = value;
            if (!Number("facilitySupplyTemperatureCelsius", out value)) return false;
            into.FacilitySupplyTemperatureCelsius = value;
            if (!Number("facilityReturnTemperatureCelsius", out value)) return false;
            into.FacilityReturnTemperatureCelsius = value;
            if (!Number("deltaPressureMilliamps", out value)) return false;
            into.DeltaPressureMilliamps = value;
            if (!Number("flowMilliamps", out value)) return false;
            into.FlowMilliamps = value;
            if (!Number("filterDeltaPressureMilliamps", out value)) return false;
            into.FilterDeltaPressureMilliamps = value;
            if (!Number("valvePositionPercent", out value)) return false;
            into.ValvePositionPercent = value;
            if (!Number("ambientTemperatureCelsius", out value)) return false;
            into.AmbientTemperatureCelsius = value;
            if (!Number("relativeHumidityPercent", out value)) return false;
            into.RelativeHumidityPercent = value;
            JsonValueKind ambient = _reader.GetKind("ambientValid");
            if (ambient != JsonValueKind.True && ambient != JsonValueKind.False)
            {
                return Fail("ambientValid: must be true or false");
            }

            into.AmbientValid = ambient == JsonValueKind.True;
            if (!Faults(into.PumpFault)) return false;
            if (!Array("pumpSpeedFeedbackPercent", into.PumpSpeedFeedbackPercent, 1, CduInputs.MaximumPumps, 0)) return false;
            if (!Array("leakZonesPercent", into.LeakZoneLevelPercent, CduInputs.LeakZoneCount, CduInputs.LeakZoneCount, double.NaN)) return false;
            if (!Number("reservoirLevelPercent", out value)) return false;
            into.ReservoirLevelPercent = value;
            long plantMilliseconds;
            PlantMilliseconds = _reader.TryGetInteger("plantMilliseconds", out plantMilliseconds) && plantMilliseconds >= 0 ? plantMilliseconds : -1;
            Sequence = sequence;
            _reason = string.Empty;
            return true;
        }

        private bool Fail(string reason)
        {
            _reason = reason;
            return false;
        }

        private bool Number(string name, out double value)
        {
            JsonValueKind kind = _reader.GetKind(name);
            if (kind == JsonValueKind.Null)
            {
                value = double.NaN;
                return true;
            }

            if (kind != JsonValueKind.Number || !_reader.TryGetNumber(name, out value))
            {
                value = double.NaN;
                return Fail(name + ": must be a number or null");
            }

            return true;
        }

        private bool Array(string name, double[] into, int minimum, int maximum, double absent)
        {
            string shape = minimum == maximum
                ? name + ": an array of exactly " + minimum.ToString() + " numbers (or nulls) is required"
                : name + ": an array of " + minimum.ToString() + " … " + maximum.ToString() + " numbers (or nulls) is required";
            int position = ArrayStart(name);
            if (position < 0)
            {
                return Fail(shape);
            }

            int count = 0;
            position = SkipWhitespace(position);
            if (_buffer[position] == (byte)']')
            {
                return count >= minimum ? Pad(into, 0, absent) : Fail(shape);
            }

            while (true)
            {
                if (count >= maximum)
                {
                    return Fail(shape);
                }

                byte c = _buffer[position];
                if (c == (byte)'n')
                {
                    into[count] = double.NaN;
                    position += 4;
                }
                else if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
                {
                    int end = position;
                    while (end < _end && IsNumberByte(_buffer[end]))
                    {
                        end++;
                    }

                    double number;
                    if (!ParseNumber(position, end, out number))
                    {
                        return Fail(name + "[" + count.ToString() + "]: must be a number or null");
                    }

                    into[count] = number;
                    position = end;
                }
                else
                {
                    return Fail(name + "[" + count.ToString() + "]: must be a number or null");
                }

                count++;
                position = SkipWhitespace(position);
                if (_buffer[position] == (byte)',')
                {
                    position = SkipWhitespace(position + 1);
                    continue;
                }

                // The reader validated the document: after an element comes ',' or ']'.
                return count >= minimum ? Pad(into, count, absent) : Fail(shape);
            }
        }

        private bool Faults(bool[] into)
        {
            const string Name = "pumpFaults";
            string shape = Name + ": an array of 1 … " + CduInputs.MaximumPumps.ToString() + " booleans is required";
            int position = ArrayStart(Name);
            if (position < 0)
            {
                return Fail(shape);
            }

            int count = 0;
            position = SkipWhitespace(position);
            while (_buffer[position] != (byte)']')
            {
                if (count >= CduInputs.MaximumPumps)
                {
                    return Fail(shape);
                }

                byte c = _buffer[position];
                if (c == (byte)'t')
                {
                    into[count] = true;
                    position += 4;
                }
                else if (c == (byte)'f')
                {
                    into[count] = false;
                    position += 5;
                }
                else
                {
                    return Fail(Name + "[" + count.ToString() + "]: must be true or false");
                }

                count++;
                position = SkipWhitespace(position);
                if (_buffer[position] == (byte)',')
                {
                    position = SkipWhitespace(position + 1);
                }
            }

            if (count < 1)
            {
                return Fail(shape);
            }

            for (int i = count; i < into.Length; i++)
            {
                into[i] = false;
            }

            return true;
        }

        // Offset just after the '[' of top-level array member <name>, or −1 when the member is not an array.
        private int ArrayStart(string name)
        {
            if (_reader.GetKind(name) != JsonValueKind.Array)
            {
                return -1;
            }

            int position = _reader.GetNameOffset(name) + 1 + name.Length + 1;
            position = SkipWhitespace(position);
            position = SkipWhitespace(position + 1); // ':'
            return position + 1;                     // '['
        }

        private int SkipWhitespace(int position)
        {
            while (position < _end)
            {
                byte c = _buffer[position];
                if (c != (byte)' ' && c != (byte)'\t' && c != (byte)'\r' && c != (byte)'\n')
                {
                    break;
                }

                position++;
            }

            return position;
        }

        private static bool IsNumberByte(byte c)
        {
            return (c >= (byte)'0' && c <= (byte)'9') || c == (byte)'-' || c == (byte)'+' || c == (byte)'.' || c == (byte)'e' || c == (byte)'E';
        }

        private static bool Pad(double[] into, int from, double absent)
        {
            for (int i = from; i < into.Length; i++)
            {
                into[i] = absent;
            }

            return true;
        }

        // A JSON number already validated by the reader: sign, digits, fraction, exponent. Finite results only.
        private bool ParseNumber(int start, int end, out double value)
        {
            value = 0;
            int i = start;
            bool negative = _buffer[i] == (byte)'-';
            if (negative) i++;
            double mantissa = 0;
            int scale = 0;
            while (i < end && _buffer[i] >= (byte)'0' && _buffer[i] <= (byte)'9')
            {
                mantissa = mantissa * 10 + (_buffer[i] - (byte)'0');
                i++;
            }

            if (i < end && _buffer[i] == (byte)'.')
            {
                i++;
                while (i < end && _buffer[i] >= (byte)'0' && _buffer[i] <= (byte)'9')
                {
                    mantissa = mantissa * 10 + (_buffer[i] - (byte)'0');
                    scale--;
                    i++;
                }
            }

            if (i < end && (_buffer[i] == (byte)'e' || _buffer[i] == (byte)'E'))
            {
                i++;
                bool exponentNegative = false;
                if (i < end && (_buffer[i] == (byte)'+' || _buffer[i] == (byte)'-'))
                {
                    exponentNegative = _buffer[i] == (byte)'-';
                    i++;
                }

                int exponent = 0;
                while (i < end && _buffer[i] >= (byte)'0' && _buffer[i] <= (byte)'9')
                {
                    if (exponent < 10000) exponent = exponent * 10 + (_buffer[i] - (byte)'0');
                    i++;
                }

                scale += exponentNegative ? -exponent : exponent;
            }

            // Dividing by an exact power of ten rounds like a correct parser for the usual few decimals (30.1, not 30.100000000000001).
            value = scale < 0 ? mantissa / System.Math.Pow(10, -scale) : mantissa * System.Math.Pow(10, scale);
            if (negative) value = -value;
            return !double.IsNaN(value) && !double.IsInfinity(value);
        }
    }
}
