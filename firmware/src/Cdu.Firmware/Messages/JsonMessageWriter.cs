using System;

namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// Writes one compact JSON object into a buffer allocated once. Allocation-free: numbers are formatted by
    /// hand, names and string values must be ASCII without characters that need escaping (the contract's
    /// names and enumerations are), and <see cref="WriteEscapedString"/> escapes anything else.
    /// A value that does not fit sets <see cref="Overflowed"/>; the message must then not be sent.
    /// </summary>
    public sealed class JsonMessageWriter
    {
        private readonly byte[] _buffer;
        private int _length;
        private bool _needComma;
        private bool _overflowed;

        public JsonMessageWriter(int capacityBytes)
        {
            _buffer = new byte[capacityBytes];
        }

        public byte[] Buffer { get { return _buffer; } }

        public int Length { get { return _length; } }

        public bool Overflowed { get { return _overflowed; } }

        public void StartObject()
        {
            _length = 0;
            _overflowed = false;
            _needComma = false;
            Put((byte)'{');
        }

        public void EndObject()
        {
            Put((byte)'}');
        }

        /// <summary>Starts an array member; each element is written by <see cref="StartArrayObject"/>.</summary>
        public void StartArray(string name)
        {
            WriteName(name);
            Put((byte)'[');
            _needComma = false;
        }

        public void EndArray()
        {
            Put((byte)']');
            _needComma = true;
        }

        public void StartArrayObject()
        {
            if (_needComma)
            {
                Put((byte)',');
            }

            Put((byte)'{');
            _needComma = false;
        }

        public void EndArrayObject()
        {
            Put((byte)'}');
            _needComma = true;
        }

        /// <summary>Writes one number as an element of the open array (NaN and ∞ become null).</summary>
        public void WriteArrayNumber(double value, int decimals)
        {
            if (_needComma)
            {
                Put((byte)',');
            }

            _needComma = false;
            WriteNumberValue(value, decimals);
            _needComma = true;
        }

        public void WriteInteger(string name, long value)
        {
            WriteName(name);
            PutInteger(value);
        }

        /// <summary>Writes <paramref name="value"/> rounded to <paramref name="decimals"/> (0 … 6) places; NaN and ∞ become null.</summary>
        public void WriteNumber(string name, double value, int decimals)
        {
            WriteName(name);
            WriteNumberValue(value, decimals);
        }

        private void WriteNumberValue(double value, int decimals)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                PutAscii("null");
                return;
            }

            if (decimals < 0)
            {
                decimals = 0;
            }

            if (decimals > 6)
            {
                decimals = 6;
            }

            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            double magnitude = Math.Abs(value);
            if (magnitude * scale > 9.0e17)
            {
                PutAscii("null");
                return;
            }

            long scaled = (long)Math.Floor(magnitude * scale + 0.5); // half away from zero on every platform
            if (value < 0 && scaled != 0)
            {
                Put((byte)'-');
            }

            PutInteger(scaled / scale);
            if (decimals > 0)
            {
                Put((byte)'.');
                long fraction = scaled % scale;
                for (long divisor = scale / 10; divisor >= 1; divisor /= 10)
                {
                    Put((byte)('0' + (int)(fraction / divisor % 10)));
                }
            }
        }

        /// <summary>Writes <paramref name="value"/> as a string of 8 lower-case hex digits.</summary>
        public void WriteHex32(string name, uint value)
        {
            WriteName(name);
            Put((byte)'"');
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                PutHex((int)((value >> shift) & 0xF));
            }

            Put((byte)'"');
        }

        public void WriteBoolean(string name, bool value)
        {
            WriteName(name);
            PutAscii(value ? "true" : "false");
        }

        public void WriteNull(string name)
        {
            WriteName(name);
            PutAscii("null");
        }

        /// <summary>Writes a string value that is known to be plain ASCII without quotes, backslashes or control characters.</summary>
        public void WriteString(string name, string value)
        {
            WriteName(name);
            Put((byte)'"');
            PutAscii(value);
            Put((byte)'"');
        }

        /// <summary>Writes any string value, escaping quotes, backslashes, control and non-ASCII characters as \uXXXX.</summary>
        public void WriteEscapedString(string name, string value)
        {
            WriteName(name);
            Put((byte)'"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20 || c > 0x7e)
                {
                    Put((byte)'\\');
                    Put((byte)'u');
                    PutHex((c >> 12) & 0xf);
                    PutHex((c >> 8) & 0xf);
                    PutHex((c >> 4) & 0xf);
                    PutHex(c & 0xf);
                }
                else
                {
                    Put((byte)c);
                }
            }

            Put((byte)'"');
        }

        private void WriteName(string name)
        {
            if (_needComma)
            {
                Put((byte)',');
            }

            Put((byte)'"');
            PutAscii(name);
            Put((byte)'"');
            Put((byte)':');
            _needComma = true;
        }

        private void PutInteger(long value)
        {
            if (value < 0)
            {
                Put((byte)'-');
                if (value == long.MinValue)
                {
                    PutAscii("9223372036854775808");
                    return;
                }

                value = -value;
            }

            long divisor = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
            }

            for (; divisor >= 1; divisor /= 10)
            {
                Put((byte)('0' + (int)(value / divisor % 10)));
            }
        }

        private void PutHex(int nibble)
        {
            Put((byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
        }

        private void PutAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Put((byte)text[i]);
            }
        }

        private void Put(byte b)
        {
            if (_length >= _buffer.Length)
            {
                _overflowed = true;
                return;
            }

            _buffer[_length++] = b;
        }
    }
}
