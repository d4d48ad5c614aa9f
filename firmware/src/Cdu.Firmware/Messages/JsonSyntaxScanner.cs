namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// The syntax half of <see cref="JsonMessageReader"/>: validates one whole JSON document (RFC 8259: grammar, UTF-8
    /// control characters, escapes, nesting depth, number syntax) in one pass and indexes the members of its top-level
    /// object — where each name and value starts, its length and kind — into tables the reader owns. Duplicate
    /// top-level names are an error. Allocates nothing.
    /// </summary>
    public sealed class JsonSyntaxScanner
    {
        private readonly int[] _nameStart;
        private readonly int[] _nameLength;
        private readonly int[] _valueStart;
        private readonly int[] _valueLength;
        private readonly JsonValueKind[] _valueKind;
        private byte[] _buffer;
        private int _end;
        private int _position;
        private int _memberCount;

        /// <summary>A scanner indexing the top-level members into the given tables (all of one length: the member limit).</summary>
        public JsonSyntaxScanner(int[] nameStart, int[] nameLength, int[] valueStart, int[] valueLength, JsonValueKind[] valueKind)
        {
            _nameStart = nameStart;
            _nameLength = nameLength;
            _valueStart = valueStart;
            _valueLength = valueLength;
            _valueKind = valueKind;
        }

        /// <summary>Number of top-level members of the last parsed document (0 after an error).</summary>
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

        private JsonError ParseObject(int depth, bool topLevel)
        {
            if (depth > JsonMessageReader.MaximumDepth)
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
            if (depth > JsonMessageReader.MaximumDepth)
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
            return JsonNumberText.Scan(_buffer, ref _position, _end);
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
