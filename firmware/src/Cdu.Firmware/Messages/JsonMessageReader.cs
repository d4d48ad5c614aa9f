using System;

namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// Strict, allocation-free reader for the contract's JSON messages (RFC 8259): the whole document is
    /// validated (grammar, UTF-8 control characters, escapes, nesting depth, size), then the members of the
    /// top-level object are indexed so that fields can be read by name. Duplicate top-level names are an error.
    /// Name matching is on the raw (unescaped-free) ASCII name; a name written with escapes never matches.
    /// Reused for every message: <see cref="Parse"/> overwrites the previous index.
    /// </summary>
    public sealed class JsonMessageReader
    {
        /// <summary>Largest top-level member count accepted by a reader made with the default constructor.</summary>
        public const int MaximumMembers = 32;

        /// <summary>Deepest nesting accepted (the top-level object is depth 1).</summary>
        public const int MaximumDepth = 8;

        private readonly int[] _nameStart;
        private readonly int[] _nameLength;
        private readonly int[] _valueStart;
        private readonly int[] _valueLength;
        private readonly JsonValueKind[] _valueKind;
        private readonly JsonSyntaxScanner _syntax;
        private byte[] _buffer;

        public JsonMessageReader()
            : this(MaximumMembers)
        {
        }

        /// <summary>A reader accepting up to <paramref name="memberLimit"/> top-level members (configuration documents need more).</summary>
        public JsonMessageReader(int memberLimit)
        {
            _nameStart = new int[memberLimit];
            _nameLength = new int[memberLimit];
            _valueStart = new int[memberLimit];
            _valueLength = new int[memberLimit];
            _valueKind = new JsonValueKind[memberLimit];
            _syntax = new JsonSyntaxScanner(_nameStart, _nameLength, _valueStart, _valueLength, _valueKind);
        }

        /// <summary>Number of top-level members of the last parsed document.</summary>
        public int MemberCount { get { return _syntax.MemberCount; } }

        /// <summary>
        /// Parses <paramref name="length"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.
        /// Returns <see cref="JsonError.None"/> when the bytes are one valid JSON object.
        /// </summary>
        public JsonError Parse(byte[] buffer, int offset, int length)
        {
            _buffer = buffer;
            return _syntax.Parse(buffer, offset, length);
        }

        /// <summary>Kind of the top-level member <paramref name="name"/>, or <see cref="JsonValueKind.None"/> when absent.</summary>
        public JsonValueKind GetKind(string name)
        {
            int index = Find(name);
            return index < 0 ? JsonValueKind.None : _valueKind[index];
        }

        /// <summary>Reads the top-level member <paramref name="name"/> as a finite number.</summary>
        public bool TryGetNumber(string name, out double value)
        {
            value = 0;
            int index = Find(name);
            if (index < 0 || _valueKind[index] != JsonValueKind.Number)
            {
                return false;
            }

            return JsonNumberText.TryParse(_buffer, _valueStart[index], _valueLength[index], out value);
        }

        /// <summary>Reads the top-level member <paramref name="name"/> as an integer (no fraction, no exponent, 18 digits at most).</summary>
        public bool TryGetInteger(string name, out long value)
        {
            value = 0;
            int index = Find(name);
            if (index < 0 || _valueKind[index] != JsonValueKind.Number)
            {
                return false;
            }

            int position = _valueStart[index];
            int end = position + _valueLength[index];
            bool negative = _buffer[position] == (byte)'-';
            if (negative)
            {
                position++;
            }

            if (end - position > 18)
            {
                return false;
            }

            long result = 0;
            for (; position < end; position++)
            {
                byte b = _buffer[position];
                if (b < (byte)'0' || b > (byte)'9')
                {
                    return false;
                }

                result = result * 10 + (b - '0');
            }

            value = negative ? -result : result;
            return true;
        }

        /// <summary>Reads the top-level member <paramref name="name"/> as a boolean.</summary>
        public bool TryGetBoolean(string name, out bool value)
        {
            JsonValueKind kind = GetKind(name);
            value = kind == JsonValueKind.True;
            return kind == JsonValueKind.True || kind == JsonValueKind.False;
        }

        /// <summary>True when the top-level member <paramref name="name"/> is a string equal to the ASCII text <paramref name="expected"/>.</summary>
        public bool StringEquals(string name, string expected)
        {
            int index = Find(name);
            if (index < 0 || _valueKind[index] != JsonValueKind.String)
            {
                return false;
            }

            return RawEquals(_valueStart[index] + 1, _valueLength[index] - 2, expected);
        }

        /// <summary>Reads the top-level member <paramref name="name"/> as a string of exactly 8 hex digits.</summary>
        public bool TryGetHex32(string name, out uint value)
        {
            value = 0;
            int index = Find(name);
            if (index < 0 || _valueKind[index] != JsonValueKind.String || _valueLength[index] != 10)
            {
                return false;
            }

            for (int i = 1; i <= 8; i++)
            {
                byte b = _buffer[_valueStart[index] + i];
                int digit = b >= (byte)'0' && b <= (byte)'9' ? b - '0' : b >= (byte)'a' && b <= (byte)'f' ? b - 'a' + 10 : b >= (byte)'A' && b <= (byte)'F' ? b - 'A' + 10 : -1;
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)digit;
            }

            return true;
        }

        /// <summary>Offset in the buffer of the opening quote of top-level member <paramref name="name"/>, or −1.</summary>
        public int GetNameOffset(string name)
        {
            int index = Find(name);
            return index < 0 ? -1 : _nameStart[index] - 1;
        }

        /// <summary>True when the top-level member at <paramref name="index"/> (0 … MemberCount − 1) is named <paramref name="name"/>.</summary>
        public bool MemberNameEquals(int index, string name)
        {
            return RawEquals(_nameStart[index], _nameLength[index], name);
        }

        private int Find(string name)
        {
            for (int i = 0; i < _syntax.MemberCount; i++)
            {
                if (RawEquals(_nameStart[i], _nameLength[i], name))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool RawEquals(int start, int length, string text)
        {
            if (length != text.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_buffer[start + i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
