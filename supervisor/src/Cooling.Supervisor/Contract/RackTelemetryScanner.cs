namespace Cooling.Supervisor.Contract;

/// <summary>
/// The fast path of <see cref="RackTelemetryReader"/>: one pass over the bytes of a rack message as rack agents write
/// it, validating the whole document's JSON syntax (skipped values included) and converting numbers directly. It
/// handles a subset — strings without non-ASCII bytes or escapes in names, numbers of at most 15 significant digits
/// and a decimal exponent within ±22 (converted exactly: one IEEE multiplication or division by an exact power of ten
/// rounds correctly; Clinger 1990), nesting up to 6, booleans for "throttled" — and only ever returns a message it
/// accepts. Anything else (other input, or any refusal) returns false, and the <see cref="RackTelemetryJsonReader"/>
/// reads the message instead and gives the exact reason; so both paths accept and refuse the same messages.
/// </summary>
internal ref struct RackTelemetryScanner
{
    public const int MaximumDepth = 8;
    private const int FastDepth = 6;

    private readonly ReadOnlySpan<byte> _s;
    private int _p;

    private RackTelemetryScanner(ReadOnlySpan<byte> payload)
    {
        _s = payload;
        _p = 0;
    }

    /// <summary>True with the accepted message; false when the general reader must decide.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out RackTelemetry telemetry)
    {
        var scanner = new RackTelemetryScanner(payload);
        return scanner.Read(out telemetry);
    }

    private bool Read(out RackTelemetry telemetry)
    {
        telemetry = default;
        double? version = null, sequence = null, timestamp = null, inlet = null, outlet = null, flow = null, power = null;
        var fold = new RackTelemetryFold();
        SkipWhitespace();
        if (!Take((byte)'{')) return false;
        SkipWhitespace();
        if (!Take((byte)'}'))
        {
            while (true)
            {
                if (!ReadName(out var name)) return false;
                double number;
                switch (name.Length)
                {
                    case 4 when name.SequenceEqual("gpus"u8):
                        if (!ReadGpus(ref fold)) return false;
                        break;
                    case 1 when name[0] == (byte)'v':
                        if (!ReadNumber(out number)) return false;
                        version = number;
                        break;
                    case 3 when name.SequenceEqual("seq"u8):
                        if (!ReadNumber(out number)) return false;
                        sequence = number;
                        break;
                    case 25 when name.SequenceEqual("timestampUnixMilliseconds"u8):
                        if (!ReadNumber(out number)) return false;
                        timestamp = number;
                        break;
                    case 23 when name.SequenceEqual("inletTemperatureCelsius"u8):
                        if (!ReadNumber(out number)) return false;
                        inlet = number;
                        break;
                    case 24 when name.SequenceEqual("outletTemperatureCelsius"u8):
                        if (!ReadNumber(out number)) return false;
                        outlet = number;
                        break;
                    case 19 when name.SequenceEqual("flowLitersPerMinute"u8):
                        if (!ReadNumber(out number)) return false;
                        flow = number;
                        break;
                    case 10 when name.SequenceEqual("powerWatts"u8):
                        if (!ReadNumber(out number)) return false;
                        power = number;
                        break;
                    default:
                        if (!SkipValue(1)) return false;
                        break;
                }

                if (!NextMember((byte)'}', out var more)) return false;
                if (!more) break;
            }
        }

        SkipWhitespace();
        if (_p != _s.Length) return false;
        var result = fold.Finish(version, sequence, timestamp, inlet, outlet, flow, power);
        telemetry = result.Value;
        return result.IsSuccess;
    }

    private bool ReadGpus(ref RackTelemetryFold fold)
    {
        if (!Take((byte)'[')) return false;
        SkipWhitespace();
        if (Take((byte)']')) return true;
        while (true)
        {
            if (!Take((byte)'{') || fold.StartGpu() is not null) return false;
            double? index = null, temperature = null, memory = null, watts = null;
            bool? throttled = null;
            if (TryReadGpuAsWritten(out var written))
            {
                if (fold.EndGpu(written.Index, written.Temperature, written.Memory, written.Watts, written.Throttled) is not null) return false;
                if (!NextMember((byte)']', out var following)) return false;
                if (!following) return true;
                continue;
            }

            SkipWhitespace();
            if (!Take((byte)'}'))
            {
                while (true)
                {
                    // Rack agents write the GPU fields in this order: try the next one as a whole ("name":) first.
                    double number;
                    if (TakeName("\"index\":"u8))
                    {
                        if (!ReadNumber(out number)) return false;
                        index = number;
                    }
                    else if (TakeName("\"temperatureCelsius\":"u8))
                    {
                        if (!ReadNumber(out number)) return false;
                        temperature = number;
                    }
                    else if (TakeName("\"memoryTemperatureCelsius\":"u8))
                    {
                        if (!ReadNumber(out number)) return false;
                        memory = number;
                    }
                    else if (TakeName("\"powerWatts\":"u8))
                    {
                        if (!ReadNumber(out number)) return false;
                        watts = number;
                    }
                    else if (TakeName("\"throttled\":"u8))
                    {
                        if (TakeLiteral("true"u8)) throttled = true;
                        else if (TakeLiteral("false"u8)) throttled = false;
                        else return false;
                    }
                    else if (!ReadGpuField(ref index, ref temperature, ref memory, ref watts, ref throttled))
                    {
                        return false;
                    }

                    if (!NextMember((byte)'}', out var more)) return false;
                    if (!more) break;
                }
            }

            if (fold.EndGpu(index, temperature, memory, watts, throttled) is not null) return false;
            if (!NextMember((byte)']', out var next)) return false;
            if (!next) return true;
        }
    }

    // The GPU entry exactly as rack agents write it — no whitespace, the fields in the contract's order, memory
    // temperature optional — read in one straight pass through its closing '}'. Anything else leaves the position
    // where it was (just after '{') for the field-by-field loop.
    private bool TryReadGpuAsWritten(out WrittenGpu gpu)
    {
        gpu = default;
        var s = _s;
        var p = _p;
        if (!Expect(s, ref p, "\"index\":"u8) || !ExactJsonNumber.Scan(s, ref p, out gpu.Index)) return false;
        if (!Expect(s, ref p, ",\"temperatureCelsius\":"u8) || !ExactJsonNumber.Scan(s, ref p, out gpu.Temperature)) return false;
        if (Expect(s, ref p, ",\"memoryTemperatureCelsius\":"u8))
        {
            if (!ExactJsonNumber.Scan(s, ref p, out var memory)) return false;
            gpu.Memory = memory;
        }

        if (!Expect(s, ref p, ",\"powerWatts\":"u8) || !ExactJsonNumber.Scan(s, ref p, out gpu.Watts)) return false;
        if (Expect(s, ref p, ",\"throttled\":false}"u8))
        {
            gpu.Throttled = false;
        }
        else if (Expect(s, ref p, ",\"throttled\":true}"u8))
        {
            gpu.Throttled = true;
        }
        else
        {
            return false;
        }

        _p = p;
        return true;
    }

    private static bool Expect(ReadOnlySpan<byte> s, ref int position, ReadOnlySpan<byte> text)
    {
        if (!s[position..].StartsWith(text)) return false;
        position += text.Length;
        return true;
    }

    // A GPU field written some other way (whitespace before ':', another field), or one to skip.
    private bool ReadGpuField(ref double? index, ref double? temperature, ref double? memory, ref double? watts, ref bool? throttled)
    {
        if (!ReadName(out var name)) return false;
        double number;
        switch (name.Length)
        {
            case 5 when name.SequenceEqual("index"u8):
                if (!ReadNumber(out number)) return false;
                index = number;
                return true;
            case 18 when name.SequenceEqual("temperatureCelsius"u8):
                if (!ReadNumber(out number)) return false;
                temperature = number;
                return true;
            case 24 when name.SequenceEqual("memoryTemperatureCelsius"u8):
                if (!ReadNumber(out number)) return false;
                memory = number;
                return true;
            case 10 when name.SequenceEqual("powerWatts"u8):
                if (!ReadNumber(out number)) return false;
                watts = number;
                return true;
            case 9 when name.SequenceEqual("throttled"u8):
                if (TakeLiteral("true"u8)) throttled = true;
                else if (TakeLiteral("false"u8)) throttled = false;
                else return false;
                return true;
            default:
                return SkipValue(3);
        }
    }

    // After a member or element: ',' (more follow, whitespace skipped) or the closing byte.
    private bool NextMember(byte close, out bool more)
    {
        SkipWhitespace();
        more = Take((byte)',');
        if (more)
        {
            SkipWhitespace();
            return true;
        }

        return Take(close);
    }

    // A property name (ASCII, no escapes) and its ':'; leaves the position at the value.
    private bool ReadName(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!Take((byte)'"')) return false;
        var start = _p;
        while (_p < _s.Length)
        {
            var c = _s[_p];
            if (c == (byte)'"')
            {
                name = _s[start.._p];
                _p++;
                SkipWhitespace();
                if (!Take((byte)':')) return false;
                SkipWhitespace();
                return true;
            }

            if (c is (byte)'\\' or < 0x20 or >= 0x80) return false;
            _p++;
        }

        return false;
    }

    // A JSON number converted exactly, or false (not a number, or outside the exact subset).
    private bool ReadNumber(out double value) => ExactJsonNumber.Scan(_s, ref _p, out value);

    // Any JSON value, checked but not kept.
    private bool SkipValue(int depth)
    {
        if (_p >= _s.Length) return false;
        switch (_s[_p])
        {
            case (byte)'{':
                if (depth + 1 > FastDepth) return false;
                _p++;
                SkipWhitespace();
                if (Take((byte)'}')) return true;
                while (true)
                {
                    if (!ReadName(out _) || !SkipValue(depth + 1) || !NextMember((byte)'}', out var more)) return false;
                    if (!more) return true;
                }

            case (byte)'[':
                if (depth + 1 > FastDepth) return false;
                _p++;
                SkipWhitespace();
                if (Take((byte)']')) return true;
                while (true)
                {
                    if (!SkipValue(depth + 1) || !NextMember((byte)']', out var more)) return false;
                    if (!more) return true;
                }

            case (byte)'"':
                return SkipString();
            case (byte)'t':
                return TakeLiteral("true"u8);
            case (byte)'f':
                return TakeLiteral("false"u8);
            case (byte)'n':
                return TakeLiteral("null"u8);
            default:
                return ReadNumber(out _);
        }
    }

    private bool SkipString()
    {
        _p++;
        while (_p < _s.Length)
        {
            var c = _s[_p++];
            if (c == (byte)'"') return true;
            if (c is < 0x20 or >= 0x80) return false;
            if (c == (byte)'\\')
            {
                if (_p >= _s.Length) return false;
                var e = _s[_p++];
                if (e == (byte)'u')
                {
                    if (_p + 4 > _s.Length) return false;
                    for (var i = 0; i < 4; i++)
                    {
                        if (!Uri.IsHexDigit((char)_s[_p++])) return false;
                    }
                }
                else if (e is not ((byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
                {
                    return false;
                }
            }
        }

        return false;
    }

    // A property name written exactly as given (quotes and ':' included), and the whitespace after it.
    private bool TakeName(ReadOnlySpan<byte> quotedNameAndColon)
    {
        if (!_s[_p..].StartsWith(quotedNameAndColon)) return false;
        _p += quotedNameAndColon.Length;
        SkipWhitespace();
        return true;
    }

    private bool TakeLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_s[_p..].StartsWith(literal)) return false;
        _p += literal.Length;
        return true;
    }

    private bool Take(byte c)
    {
        if (_p < _s.Length && _s[_p] == c)
        {
            _p++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_p < _s.Length && _s[_p] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') _p++;
    }

    // The values of one GPU entry read by the straight pass (memory temperature null when absent).
    private struct WrittenGpu
    {
        public double Index;
        public double Temperature;
        public double? Memory;
        public double Watts;
        public bool Throttled;
    }
}
