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
        private byte[] _buffer;
        private int _end;
        private int _position;
        private int _memberCount;

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
        }

        /// <summary>Number of top-level members of the last parsed document.</summary>
        public int MemberCount { get { return _memberCount; } }

        /// <summary>
        /// Parses <paramref name="length"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.
        /// Returns <see cref="JsonError.None"/> when the bytes are one valid JSON object.
        /// </summary>
        public JsonError Parse(byte[] buffer, int offset, int length)
        {
            _memberCount = 0;
            _buffer = buffer;
            if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                return JsonError.Empty;
            }

            _position = offset;
            _end = offset + length;
            SkipWhitespace();
            if (_position >= _end)
            {
                return JsonError.Empty;
            }

            if (_buffer[_position] != (byte)'{')
            {
                return JsonError.NotAnObject;
            }

            JsonError error = ParseObject(1, true);
            if (error != JsonError.None)
            {
                _memberCount = 0;
                return error;
            }

            SkipWhitespace();
            if (_position != _end)
            {
                _memberCount = 0;
                return JsonError.TrailingContent;
            }

            return JsonError.None;
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

            return TryParseNumber(_valueStart[index], _valueLength[index], out value);
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
            for (int i = 0; i < _memberCount; i++)
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

        private JsonError ParseObject(int depth, bool topLevel)
        {
            if (depth > MaximumDepth)
            {
                return JsonError.TooDeep;
            }

            _position++; // '{'
            SkipWhitespace();
            if (_position < _end && _buffer[_position] == (byte)'}')
            {
                _position++;
                return JsonError.None;
            }

            while (true)
            {
                SkipWhitespace();
                if (_position >= _end || _buffer[_position] != (byte)'"')
                {
                    return JsonError.ExpectedName;
                }

                int nameStart = _position + 1;
                JsonError error = ParseString();
                if (error != JsonError.None)
                {
                    return error;
                }

                int nameLength = _position - 1 - nameStart;
                SkipWhitespace();
                if (_position >= _end || _buffer[_position] != (byte)':')
                {
                    return JsonError.ExpectedColon;
                }

                _position++;
                SkipWhitespace();
                int valueStart = _position;
                JsonValueKind kind;
                error = ParseValue(depth, out kind);
                if (error != JsonError.None)
                {
                    return error;
                }

                if (topLevel)
                {
                    if (_memberCount >= _nameStart.Length)
                    {
                        return JsonError.TooManyMembers;
                    }

                    for (int i = 0; i < _memberCount; i++)
                    {
                        if (_nameLength[i] == nameLength && SameBytes(_nameStart[i], nameStart, nameLength))
                        {
                            return JsonError.DuplicateName;
                        }
                    }

                    _nameStart[_memberCount] = nameStart;
                    _nameLength[_memberCount] = nameLength;
                    _valueStart[_memberCount] = valueStart;
                    _valueLength[_memberCount] = _position - valueStart;
                    _valueKind[_memberCount] = kind;
                    _memberCount++;
                }

                SkipWhitespace();
                if (_position >= _end)
                {
                    return JsonError.UnexpectedEnd;
                }

                byte next = _buffer[_position];
                _position++;
                if (next == (byte)'}')
                {
                    return JsonError.None;
                }

                if (next != (byte)',')
                {
                    return JsonError.ExpectedCommaOrEnd;
                }
            }
        }

        private JsonError ParseArray(int depth)
        {
            if (depth > MaximumDepth)
            {
                return JsonError.TooDeep;
            }

            _position++; // '['
            SkipWhitespace();
            if (_position < _end && _buffer[_position] == (byte)']')
            {
                _position++;
                return JsonError.None;
            }

            while (true)
            {
                SkipWhitespace();
                JsonValueKind kind;
                JsonError error = ParseValue(depth, out kind);
                if (error != JsonError.None)
                {
                    return error;
                }

                SkipWhitespace();
                if (_position >= _end)
                {
                    return JsonError.UnexpectedEnd;
                }

                byte next = _buffer[_position];
                _position++;
                if (next == (byte)']')
                {
                    return JsonError.None;
                }

                if (next != (byte)',')
                {
                    return JsonError.ExpectedCommaOrEnd;
                }
            }
        }

        private JsonError ParseValue(int depth, out JsonValueKind kind)
        {
            kind = JsonValueKind.None;
            if (_position >= _end)
            {
                return JsonError.UnexpectedEnd;
            }

            byte b = _buffer[_position];
            switch (b)
            {
                case (byte)'{':
                    kind = JsonValueKind.Object;
                    return ParseObject(depth + 1, false);
                case (byte)'[':
                    kind = JsonValueKind.Array;
                    return ParseArray(depth + 1);
                case (byte)'"':
                    kind = JsonValueKind.String;
                    return ParseString();
                case (byte)'t':
                    kind = JsonValueKind.True;
                    return ParseLiteral("true");
                case (byte)'f':
                    kind = JsonValueKind.False;
                    return ParseLiteral("false");
                case (byte)'n':
                    kind = JsonValueKind.Null;
                    return ParseLiteral("null");
                default:
                    if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9'))
                    {
                        kind = JsonValueKind.Number;
                        return ScanNumber();
                    }

                    return JsonError.UnexpectedCharacter;
            }
        }

        private JsonError ParseLiteral(string literal)
        {
            if (_end - _position < literal.Length)
            {
                return JsonError.UnexpectedEnd;
            }

            for (int i = 0; i < literal.Length; i++)
            {
                if (_buffer[_position + i] != literal[i])
                {
                    return JsonError.UnexpectedCharacter;
                }
            }

            _position += literal.Length;
            return JsonError.None;
        }

        // string = '"' *( unescaped / escape ) '"' ; control characters (< 0x20) must be escaped.
        private JsonError ParseString()
        {
            _position++; // opening quote
            while (_position < _end)
            {
                byte b = _buffer[_position];
                if (b == (byte)'"')
                {
                    _position++;
                    return JsonError.None;
                }

                if (b < 0x20)
                {
                    return JsonError.ControlCharacterInString;
                }

                if (b == (byte)'\\')
                {
                    _position++;
                    if (_position >= _end)
                    {
                        return JsonError.UnexpectedEnd;
                    }

                    byte e = _buffer[_position];
                    if (e == (byte)'u')
                    {
                        if (_end - _position < 5)
                        {
                            return JsonError.UnexpectedEnd;
                        }

                        for (int i = 1; i <= 4; i++)
                        {
                            if (!IsHexDigit(_buffer[_position + i]))
                            {
                                return JsonError.InvalidEscape;
                            }
                        }

                        _position += 4;
                    }
                    else if (e != (byte)'"' && e != (byte)'\\' && e != (byte)'/' && e != (byte)'b' && e != (byte)'f'
                        && e != (byte)'n' && e != (byte)'r' && e != (byte)'t')
                    {
                        return JsonError.InvalidEscape;
                    }
                }

                _position++;
            }

            return JsonError.UnexpectedEnd;
        }

        // number = [ '-' ] int [ frac ] [ exp ] ; int = '0' / ( digit1-9 *DIGIT )
        private JsonError ScanNumber()
        {
            if (_buffer[_position] == (byte)'-')
            {
                _position++;
            }

            if (_position >= _end)
            {
                return JsonError.UnexpectedEnd;
            }

            if (_buffer[_position] == (byte)'0')
            {
                _position++;
            }
            else if (IsDigit(_buffer[_position]))
            {
                while (_position < _end && IsDigit(_buffer[_position]))
                {
                    _position++;
                }
            }
            else
            {
                return JsonError.InvalidNumber;
            }

            if (_position < _end && _buffer[_position] == (byte)'.')
            {
                _position++;
                if (_position >= _end || !IsDigit(_buffer[_position]))
                {
                    return JsonError.InvalidNumber;
                }

                while (_position < _end && IsDigit(_buffer[_position]))
                {
                    _position++;
                }
            }

            if (_position < _end && (_buffer[_position] == (byte)'e' || _buffer[_position] == (byte)'E'))
            {
                _position++;
                if (_position < _end && (_buffer[_position] == (byte)'+' || _buffer[_position] == (byte)'-'))
                {
                    _position++;
                }

                if (_position >= _end || !IsDigit(_buffer[_position]))
                {
                    return JsonError.InvalidNumber;
                }

                while (_position < _end && IsDigit(_buffer[_position]))
                {
                    _position++;
                }
            }

            return JsonError.None;
        }

        // Converts an already-validated number token. Keeps 17 significant digits; the rest only scale.
        private bool TryParseNumber(int start, int length, out double value)
        {
            value = 0;
            int position = start;
            int end = start + length;
            bool negative = _buffer[position] == (byte)'-';
            if (negative)
            {
                position++;
            }

            long mantissa = 0;
            int significant = 0;
            int scale = 0;
            bool fraction = false;
            for (; position < end; position++)
            {
                byte b = _buffer[position];
                if (b == (byte)'.')
                {
                    fraction = true;
                    continue;
                }

                if (b == (byte)'e' || b == (byte)'E')
                {
                    break;
                }

                if (significant < 17)
                {
                    if (mantissa != 0 || b != (byte)'0')
                    {
                        significant++;
                    }

                    mantissa = mantissa * 10 + (b - '0');
                    if (fraction)
                    {
                        scale--;
                    }
                }
                else if (!fraction)
                {
                    scale++;
                }
            }

            if (position < end)
            {
                position++; // 'e'
                bool negativeExponent = false;
                if (_buffer[position] == (byte)'+' || _buffer[position] == (byte)'-')
                {
                    negativeExponent = _buffer[position] == (byte)'-';
                    position++;
                }

                int exponent = 0;
                for (; position < end; position++)
                {
                    if (exponent < 10000)
                    {
                        exponent = exponent * 10 + (_buffer[position] - '0');
                    }
                }

                scale += negativeExponent ? -exponent : exponent;
            }

            double result = mantissa;
            if (scale != 0 && mantissa != 0)
            {
                if (scale < -340)
                {
                    result = 0;
                }
                else if (scale > 310)
                {
                    return false;
                }
                else if (scale < -300)
                {
                    // 10^-scale itself would overflow past 1e308 (and the quotient read 0): divide in two steps.
                    // The first keeps the value normal; only the last may round to a subnormal.
                    result = result / Math.Pow(10, -scale - 300) / 1e300;
                }
                else if (scale < 0)
                {
                    result = result / Math.Pow(10, -scale);
                }
                else
                {
                    result = result * Math.Pow(10, scale);
                }
            }

            if (double.IsInfinity(result) || double.IsNaN(result))
            {
                return false;
            }

            value = negative ? -result : result;
            return true;
        }

        private bool SameBytes(int first, int second, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (_buffer[first + i] != _buffer[second + i])
                {
                    return false;
                }
            }

            return true;
        }

        private void SkipWhitespace()
        {
            while (_position < _end)
            {
                byte b = _buffer[_position];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r')
                {
                    return;
                }

                _position++;
            }
        }

        private static bool IsDigit(byte b)
        {
            return b >= (byte)'0' && b <= (byte)'9';
        }

        private static bool IsHexDigit(byte b)
        {
            return IsDigit(b) || (b >= (byte)'a' && b <= (byte)'f') || (b >= (byte)'A' && b <= (byte)'F');
        }
    }
}
