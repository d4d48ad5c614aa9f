// Method: a seeded, deterministic generator of hostile inbound messages for the COM-3 fuzz tests. One
// System.Random with a fixed seed drives everything, so a failure names (seed, index) and replays exactly.
// Four families, mixed in fixed proportions:
//   RandomBytes    — uniformly random bytes of random length (sometimes starting with '{' to get past the first check);
//   TokenSoup      — random sequences of JSON-ish tokens, names of the contract, broken literals, NaN/Infinity,
//                    comments, single quotes, stray control characters;
//   RandomDocument — grammatically valid random JSON objects (escapes, UTF-8, all number forms) whose depth,
//                    member count and top-level names straddle the reader's limits (depth 8, 32 members, duplicates);
//   MutatedRequest — a valid setpoint request (docs/mqtt.md) with structural mutations (duplicated or missing fields,
//                    huge/tiny/boundary numbers, deep nesting, NaN/Infinity literals, leading zeros, wrong types,
//                    escaped names, very long strings, too many members, oversize padding above the inbox's
//                    MaximumPayloadBytes) and/or byte mutations (bit flips, insertions, deletions, truncations,
//                    duplicated slices, invalid UTF-8, unescaped control characters, splices of two messages).
using System.Globalization;
using System.Text;

namespace Cdu.Firmware.Tests.Fuzz;

internal enum FuzzFamily
{
    RandomBytes,
    TokenSoup,
    RandomDocument,
    MutatedRequest,
}

internal sealed class FuzzMessages
{
    /// <summary>The epoch of every generated request: 2^44, the highest a CDU accepts as its first (a mutation may go above).</summary>
    public const long Epoch = 17592186044416;

    private static readonly string[] ContractNames =
    [
        "v", "epoch", "seq", "leaseSeconds", "supplyTemperatureCelsius", "issuedAtUnixMilliseconds", "deltaPressureKpa", "itLoadKilowatts",
    ];

    private static readonly string[] OtherNames =
    [
        "a", "b", "x", "mode", "nested", "Seq", "SEQ", "v ", " v", "lease", "supply", "temperature", "é", "日本", "😀",
        "", "seq\\u0000", "long_name_long_name_long_name_long_name",
    ];

    private static readonly string[] BoundaryNumbers =
    [
        "0", "-0", "-0.0", "0e0", "0E+0", "1E+2", "1e-0", "0.1e-308", "1e-400", "1e400", "-1e400", "1e308", "1e309",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1.7976931348623157e308",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "5e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1.2345678901234567e-300", "123456789012345678e-330", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "999999999999999999", "1000000000000000000",
        "-999999999999999999", "18446744073709551616", "9007199254740993", "0.30000000000000004", "1e23",
        "123456789012345678901234567890", "0.000000000000000000000000000001", "1e-7", "31.0", "30", "45.0000001",
        "1e+0000000000000000000000002", "1E-00000000000000000000000001",
    ];

    private static readonly string[] InvalidNumbers =
    [
        "01", "00", "-01", "007", "-", "1.", ".5", "+1", "1e", "1e+", "1E-", "0x1F", "1_000", "1.5.2", "--1", "1e5.5",
        "NaN", "nan", "Infinity", "-Infinity", "+Infinity", "inf", "Inf", "-inf", "1,5", "١", "１", "0.e1", "-.5",
    ];

    private static readonly string[] Literals = ["true", "false", "null"];

    private static readonly string[] BrokenLiterals = ["tru", "fals", "nul", "True", "NULL", "undefined", "truex", "nulll", "'x'", "None"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xC3],
        [0xF0, 0x9F, 0x98],
    ];

    private static readonly byte[] InterestingBytes =
        "{}[]\":,\\0123456789-+.eE tnfru\t\r\n/*'"u8.ToArray().Concat(new byte[] { 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xC3, 0xFF }).ToArray();

    private readonly Random _random;
    private readonly int _maximumPayloadBytes;
    private long _sequence;

    public FuzzMessages(int seed, int maximumPayloadBytes)
    {
        _random = new Random(seed);
        _maximumPayloadBytes = maximumPayloadBytes;
        _sequence = 1 + _random.Next(1000);
    }

    public Random Random => _random;

    /// <summary>The sequence number the latest request was built on (requests rise from a small random start).</summary>
    public long Sequence => _sequence;

    /// <summary>The next message of a random family.</summary>
    public byte[] Next(out FuzzFamily family)
    {
        int roll = _random.Next(100);
        family = roll < 8 ? FuzzFamily.RandomBytes
            : roll < 25 ? FuzzFamily.TokenSoup
            : roll < 45 ? FuzzFamily.RandomDocument
            : FuzzFamily.MutatedRequest;
        return Next(family);
    }

    public byte[] Next(FuzzFamily family) => family switch
    {
        FuzzFamily.RandomBytes => RandomBytes(),
        FuzzFamily.TokenSoup => TokenSoup(),
        FuzzFamily.RandomDocument => RandomDocument(),
        _ => MutatedRequest(),
    };

    /// <summary>A valid request by the contract, with a rising sequence number.</summary>
    public string ValidRequest()
    {
        _sequence += 1 + _random.Next(3);
        var members = BaseRequestMembers();
        return Render(members, _random.Next(4) == 0);
    }

    // ---- families ---------------------------------------------------------------------------------------------------

    private byte[] RandomBytes()
    {
        int length = _random.Next(10) switch
        {
            < 6 => _random.Next(0, 48),
            < 9 => _random.Next(0, 400),
            _ => _random.Next(_maximumPayloadBytes - 16, _maximumPayloadBytes + 600),
        };
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        if (length > 0 && _random.Next(2) == 0)
        {
            bytes[0] = (byte)'{';
        }

        return bytes;
    }

    private byte[] TokenSoup()
    {
        var text = new StringBuilder();
        if (_random.Next(5) != 0)
        {
            text.Append('{');
        }

        int count = _random.Next(1, 40);
        for (int i = 0; i < count; i++)
        {
            switch (_random.Next(22))
            {
                case 0: text.Append('{'); break;
                case 1: text.Append('}'); break;
                case 2: text.Append('['); break;
                case 3: text.Append(']'); break;
                case 4:
                case 5: text.Append(':'); break;
                case 6:
                case 7: text.Append(','); break;
                case 8:
                case 9: text.Append('"').Append(Pick(ContractNames)).Append('"'); break;
                case 10: text.Append(QuotedString(_random.Next(12))); break;
                case 11:
                case 12: text.Append(ValidNumber()); break;
                case 13: text.Append(Pick(InvalidNumbers)); break;
                case 14: text.Append(Pick(Literals)); break;
                case 15: text.Append(Pick(BrokenLiterals)); break;
                case 16: text.Append(Whitespace(true)); break;
                case 17: text.Append(_random.Next(3) switch { 0 => "/*c*/", 1 => "// c\n", _ => "#" }); break;
                case 18: text.Append((char)_random.Next(0, 0x20)); break;
                case 19: text.Append('"'); break;
                case 20: text.Append('\\').Append((char)_random.Next(0x20, 0x7F)); break;
                default: text.Append((char)_random.Next(0x20, 0x7F)); break;
            }
        }

        if (_random.Next(3) != 0)
        {
            text.Append('}');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private byte[] RandomDocument()
    {
        int depthLimit = _random.Next(10) < 7 ? _random.Next(1, 9) : _random.Next(9, 13);
        int topMembers = _random.Next(10) switch
        {
            < 6 => _random.Next(0, 8),
            < 9 => _random.Next(28, 35),
            _ => _random.Next(0, 40),
        };

        var text = new StringBuilder();
        text.Append(Whitespace(false));
        WriteObject(text, 1, depthLimit, topMembers, _random.Next(6) == 0);
        text.Append(Whitespace(false));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private byte[] MutatedRequest()
    {
        _sequence += 1 + _random.Next(3);
        var members = BaseRequestMembers();
        bool pretty = _random.Next(4) == 0;
        int structural = _random.Next(10) < 6 ? _random.Next(1, 3) : 0;
        int bytewise = structural == 0 ? _random.Next(1, 4) : _random.Next(3) == 0 ? 1 : 0;
        if (_random.Next(25) == 0)
        {
            structural = 0;
            bytewise = 0; // an unmutated request now and then: the baseline must be accepted
        }

        for (int i = 0; i < structural; i++)
        {
            MutateStructure(members);
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Render(members, pretty)));
        for (int i = 0; i < bytewise; i++)
        {
            MutateBytes(bytes);
        }

        return [.. bytes];
    }

    // ---- requests and their mutations ----------------------------------------------------------------------------

    private List<KeyValuePair<string, string>> BaseRequestMembers()
    {
        var members = new List<KeyValuePair<string, string>>
        {
            new("\"v\"", "1"),
            new("\"epoch\"", Epoch.ToString(CultureInfo.InvariantCulture)),
            new("\"seq\"", _sequence.ToString(CultureInfo.InvariantCulture)),
            new("\"leaseSeconds\"", _random.Next(10) == 0 ? _random.Next(0, 700).ToString(CultureInfo.InvariantCulture) : "30"),
            new("\"supplyTemperatureCelsius\"", Temperature()),
        };
        if (_random.Next(2) == 0)
        {
            members.Add(new("\"issuedAtUnixMilliseconds\"", (1764000000000L + _sequence).ToString(CultureInfo.InvariantCulture)));
        }

        if (_random.Next(2) == 0)
        {
            members.Add(new("\"deltaPressureKpa\"", DeltaPressure()));
        }

        if (_random.Next(8) == 0)
        {
            members.Add(new(QuotedName(), RandomValue(2, 3)));
        }

        Shuffle(members);
        return members;
    }

    private string DeltaPressure() => _random.Next(6) switch
    {
        0 => _random.Next(0, 500).ToString(CultureInfo.InvariantCulture),
        1 => (_random.NextDouble() * 600 - 100).ToString("R", CultureInfo.InvariantCulture),
        2 => "null",
        3 => "\"90\"",
        _ => (_random.Next(300, 2000) / 10.0).ToString(CultureInfo.InvariantCulture),
    };

    private string Temperature() => _random.Next(6) switch
    {
        0 => _random.Next(10, 60).ToString(CultureInfo.InvariantCulture),
        1 => (_random.NextDouble() * 80 - 20).ToString("R", CultureInfo.InvariantCulture),
        2 => (_random.Next(150, 500) / 10.0).ToString("0.0", CultureInfo.InvariantCulture),
        3 => (_random.Next(1, 9) * Math.Pow(10, _random.Next(-3, 3))).ToString("E3", CultureInfo.InvariantCulture),
        _ => (_random.Next(200, 400) / 10.0).ToString(CultureInfo.InvariantCulture),
    };

    private void MutateStructure(List<KeyValuePair<string, string>> members)
    {
        int index = _random.Next(members.Count);
        string name = members[index].Key;
        switch (_random.Next(17))
        {
            case 0: // duplicated field, same or different value
                members.Insert(_random.Next(members.Count + 1), new(name, _random.Next(2) == 0 ? members[index].Value : ValidNumber()));
                break;
            case 1: // huge, tiny or boundary number
                members[index] = new(name, _random.Next(3) == 0 ? HugeNumber() : Pick(BoundaryNumbers));
                break;
            case 2: // deep nesting around the value
                members[index] = new(name, Nest(members[index].Value, _random.Next(5, 13)));
                break;
            case 3:
                members[index] = new(name, _random.Next(3) switch { 0 => "NaN", 1 => "Infinity", _ => "-Infinity" });
                break;
            case 4: // leading zeros
                members[index] = new(name, (_random.Next(2) == 0 ? "0" : "-0") + new string('0', _random.Next(0, 3)) + members[index].Value.TrimStart('-'));
                break;
            case 5: // very long string value
                members[index] = new(name, QuotedString(_random.Next(10) < 7 ? _random.Next(200, 1000) : _random.Next(1000, 3000)));
                break;
            case 6: // very long name
                members.Add(new(QuotedString(_random.Next(200, 2500)), "1"));
                break;
            case 7: // too many (or just enough) members
                for (int i = _random.Next(20, 36); i > 0; i--)
                {
                    members.Add(new("\"m" + members.Count.ToString(CultureInfo.InvariantCulture) + "\"", RandomValue(1, 2)));
                }

                break;
            case 8: // oversize padding: whitespace or a long string just around the inbox limit
                members.Add(new("\"pad\"", QuotedString(_maximumPayloadBytes - 120 + _random.Next(0, 300))));
                break;
            case 9: // wrong type
                members[index] = new(name, _random.Next(7) switch
                {
                    0 => "\"" + members[index].Value + "\"",
                    1 => Pick(Literals),
                    2 => "[]",
                    3 => "{}",
                    4 => "[" + members[index].Value + "]",
                    5 => members[index].Value + ".5",
                    _ => members[index].Value + "e1",
                });
                break;
            case 10: // a missing field
                members.RemoveAt(index);
                break;
            case 11: // invalid number
                members[index] = new(name, Pick(InvalidNumbers));
                break;
            case 12: // name written with escapes (the reader never matches it)
                members[index] = new(EscapeSomeCharacters(name), members[index].Value);
                break;
            case 13: // a valid random number
                members[index] = new(name, ValidNumber());
                break;
            case 14: // a random value of any kind
                members[index] = new(name, RandomValue(1, _random.Next(1, 10)));
                break;
            case 15: // a control character inside a string value
                members[index] = new(name, "\"a" + (char)_random.Next(0, 0x20) + "b\"");
                break;
            default: // near-miss names
                members[index] = new("\"" + Pick(OtherNames) + "\"", members[index].Value);
                break;
        }
    }

    private void MutateBytes(List<byte> bytes)
    {
        int position = bytes.Count == 0 ? 0 : _random.Next(bytes.Count + 1);
        switch (_random.Next(14))
        {
            case 0:
            case 1: // bit flips
                for (int i = _random.Next(1, 4); i > 0 && bytes.Count > 0; i--)
                {
                    int at = _random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                }

                break;
            case 2: // replaced byte
                if (bytes.Count > 0)
                {
                    bytes[_random.Next(bytes.Count)] = InterestingByte();
                }

                break;
            case 3:
            case 4: // insertion
                for (int i = _random.Next(1, 9); i > 0; i--)
                {
                    bytes.Insert(position, InterestingByte());
                }

                break;
            case 5:
            case 6: // deletion
                if (bytes.Count > 0)
                {
                    int at = _random.Next(bytes.Count);
                    bytes.RemoveRange(at, Math.Min(_random.Next(1, 9), bytes.Count - at));
                }

                break;
            case 7: // truncation
                bytes.RemoveRange(Math.Min(position, bytes.Count), bytes.Count - Math.Min(position, bytes.Count));
                break;
            case 8: // duplicated slice
                if (bytes.Count > 0)
                {
                    int start = _random.Next(bytes.Count);
                    int length = Math.Min(_random.Next(1, 40), bytes.Count - start);
                    bytes.InsertRange(position, bytes.GetRange(start, length));
                }

                break;
            case 9: // invalid UTF-8 just after a quote (so mostly inside a string)
                bytes.InsertRange(AfterAQuote(bytes), Pick(InvalidUtf8));
                break;
            case 10: // unescaped control character just after a quote
                bytes.Insert(AfterAQuote(bytes), (byte)_random.Next(0, 0x20));
                break;
            case 11: // oversize: whitespace or garbage padding around the inbox limit
                {
                    int target = _maximumPayloadBytes - 8 + _random.Next(0, 200);
                    byte pad = _random.Next(2) == 0 ? (byte)' ' : InterestingByte();
                    while (bytes.Count < target)
                    {
                        bytes.Insert(Math.Min(position, bytes.Count), pad);
                    }

                    break;
                }

            case 12: // splice with another request
                {
                    byte[] other = Encoding.UTF8.GetBytes(Render(BaseRequestMembers(), false));
                    int cut = _random.Next(other.Length);
                    bytes.RemoveRange(Math.Min(position, bytes.Count), bytes.Count - Math.Min(position, bytes.Count));
                    bytes.AddRange(other.AsSpan(cut).ToArray());
                    break;
                }

            default: // the classic lenient-parser extras: BOM, trailing comma, comment, trailing garbage, single quotes
                switch (_random.Next(6))
                {
                    case 0: bytes.InsertRange(0, new byte[] { 0xEF, 0xBB, 0xBF }); break;
                    case 1: bytes.InsertRange(Math.Max(0, bytes.LastIndexOf((byte)'}')), ","u8.ToArray()); break;
                    case 2: bytes.InsertRange(position, "/* c */"u8.ToArray()); break;
                    case 3: bytes.AddRange(_random.Next(2) == 0 ? "}"u8.ToArray() : " {}"u8.ToArray()); break;
                    case 4: bytes.Add(0); break;
                    default:
                        for (int i = 0; i < bytes.Count; i++)
                        {
                            if (bytes[i] == (byte)'"' && _random.Next(2) == 0)
                            {
                                bytes[i] = (byte)'\'';
                            }
                        }

                        break;
                }

                break;
        }
    }

    private int AfterAQuote(List<byte> bytes)
    {
        int start = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        int quote = bytes.IndexOf((byte)'"', start);
        if (quote < 0)
        {
            quote = bytes.IndexOf((byte)'"');
        }

        return quote < 0 ? start : quote + 1;
    }

    private string Render(List<KeyValuePair<string, string>> members, bool pretty)
    {
        var text = new StringBuilder();
        text.Append(pretty ? Whitespace(false) : string.Empty).Append('{');
        for (int i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (pretty)
            {
                text.Append(Whitespace(false)).Append(members[i].Key).Append(Whitespace(false)).Append(':')
                    .Append(Whitespace(false)).Append(members[i].Value).Append(Whitespace(false));
            }
            else
            {
                text.Append(members[i].Key).Append(':').Append(members[i].Value);
            }
        }

        text.Append('}');
        return text.ToString();
    }

    // ---- valid JSON pieces ---------------------------------------------------------------------------------------

    private void WriteObject(StringBuilder text, int depth, int depthLimit, int memberCount, bool allowDuplicates)
    {
        text.Append('{');
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < memberCount; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            string name;
            do
            {
                name = _random.Next(3) switch
                {
                    0 => "\"" + Pick(ContractNames) + "\"",
                    1 => "\"" + Pick(OtherNames) + "\"",
                    _ => _random.Next(4) == 0 ? EscapeSomeCharacters("\"" + Pick(ContractNames) + "\"") : QuotedString(_random.Next(1, 10)),
                };
            }
            while (!allowDuplicates && depth == 1 && !used.Add(name) && used.Count < 1000);

            text.Append(Whitespace(false)).Append(name).Append(Whitespace(false)).Append(':').Append(Whitespace(false));
            WriteValue(text, depth, depthLimit);
            text.Append(Whitespace(false));
        }

        text.Append('}');
    }

    private void WriteValue(StringBuilder text, int depth, int depthLimit)
    {
        int roll = _random.Next(12);
        if (depth < depthLimit && roll < 4)
        {
            if (roll < 2 || depth + 1 == depthLimit && _random.Next(2) == 0)
            {
                WriteObject(text, depth + 1, depthLimit, _random.Next(0, depth + 1 == depthLimit ? 2 : 4), true);
            }
            else
            {
                text.Append('[');
                int count = _random.Next(0, 4);
                for (int i = 0; i < count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(Whitespace(false));
                    WriteValue(text, depth + 1, depthLimit);
                }

                text.Append(']');
            }

            return;
        }

        switch (roll % 4)
        {
            case 0: text.Append(QuotedString(_random.Next(0, 16))); break;
            case 1: text.Append(Pick(Literals)); break;
            default: text.Append(ValidNumber()); break;
        }
    }

    private string RandomValue(int depth, int depthLimit)
    {
        var text = new StringBuilder();
        WriteValue(text, depth, depthLimit);
        return text.ToString();
    }

    private string ValidNumber()
    {
        if (_random.Next(6) == 0)
        {
            return Pick(BoundaryNumbers);
        }

        var text = new StringBuilder();
        if (_random.Next(3) == 0)
        {
            text.Append('-');
        }

        if (_random.Next(5) == 0)
        {
            text.Append('0');
        }
        else
        {
            text.Append((char)('1' + _random.Next(9)));
            AppendDigits(text, _random.Next(8) == 0 ? _random.Next(15, 25) : _random.Next(0, 6));
        }

        if (_random.Next(2) == 0)
        {
            text.Append('.');
            AppendDigits(text, _random.Next(8) == 0 ? _random.Next(15, 30) : _random.Next(1, 6));
        }

        if (_random.Next(3) == 0)
        {
            text.Append(_random.Next(2) == 0 ? 'e' : 'E');
            text.Append(_random.Next(3) switch { 0 => "+", 1 => "-", _ => string.Empty });
            text.Append(_random.Next(4) switch
            {
                0 => _random.Next(0, 10).ToString(CultureInfo.InvariantCulture),
                1 => _random.Next(0, 100).ToString(CultureInfo.InvariantCulture),
                2 => _random.Next(280, 345).ToString(CultureInfo.InvariantCulture),
                _ => _random.Next(0, 400).ToString("D3", CultureInfo.InvariantCulture),
            });
        }

        return text.ToString();
    }

    private string HugeNumber()
    {
        var text = new StringBuilder();
        if (_random.Next(2) == 0)
        {
            text.Append('-');
        }

        text.Append((char)('1' + _random.Next(9)));
        AppendDigits(text, _random.Next(10) == 0 ? _random.Next(300, 1500) : _random.Next(15, 60));
        if (_random.Next(2) == 0)
        {
            text.Append('.');
            AppendDigits(text, _random.Next(1, 400));
        }

        if (_random.Next(2) == 0)
        {
            text.Append('e').Append(_random.Next(2) == 0 ? "-" : "+");
            text.Append(_random.Next(3) switch
            {
                0 => _random.Next(250, 400).ToString(CultureInfo.InvariantCulture),
                1 => _random.Next(0, 2000).ToString(CultureInfo.InvariantCulture),
                _ => _random.NextInt64(0, long.MaxValue).ToString(CultureInfo.InvariantCulture),
            });
        }

        return text.ToString();
    }

    private void AppendDigits(StringBuilder text, int count)
    {
        for (int i = 0; i < count; i++)
        {
            text.Append((char)('0' + _random.Next(10)));
        }
    }

    /// <summary>A valid JSON string of about <paramref name="length"/> characters: ASCII, escapes, non-ASCII.</summary>
    private string QuotedString(int length)
    {
        var text = new StringBuilder(length + 2);
        text.Append('"');
        bool plain = _random.Next(3) == 0;
        for (int i = 0; i < length; i++)
        {
            int roll = plain ? 0 : _random.Next(20);
            switch (roll)
            {
                case 16: text.Append('\\').Append("\"\\/bfnrt"[_random.Next(8)]); break;
                case 17: text.Append("\\u").Append(_random.Next(0x10000).ToString(_random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture)); break;
                case 18: text.Append((char)_random.Next(0xA0, 0xD7FF)); break;
                case 19: text.Append(_random.Next(2) == 0 ? "😀" : "\u007F"); break;
                default:
                    char c = (char)_random.Next(0x20, 0x7F);
                    text.Append(c == '"' || c == '\\' ? 'q' : c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private string QuotedName() => _random.Next(2) == 0 ? "\"" + Pick(OtherNames) + "\"" : QuotedString(_random.Next(1, 12));

    /// <summary>Writes some characters of a quoted ASCII name as \uXXXX (same name to RFC 8259, different bytes).</summary>
    private string EscapeSomeCharacters(string quotedName)
    {
        var text = new StringBuilder("\"");
        string inner = quotedName.Substring(1, quotedName.Length - 2);
        bool escaped = false;
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] < 0x7F && inner[i] != '\\' && (_random.Next(3) == 0 || (!escaped && i == inner.Length - 1)))
            {
                text.Append("\\u").Append(((int)inner[i]).ToString("x4", CultureInfo.InvariantCulture));
                escaped = true;
            }
            else
            {
                text.Append(inner[i]);
            }
        }

        return text.Append('"').ToString();
    }

    private string Nest(string value, int depth)
    {
        var text = new StringBuilder();
        var closers = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            if (_random.Next(2) == 0)
            {
                text.Append('[');
                closers.Insert(0, ']');
            }
            else
            {
                text.Append("{\"k\":");
                closers.Insert(0, '}');
            }
        }

        return text.Append(value).Append(closers).ToString();
    }

    private string Whitespace(bool always)
    {
        if (!always && _random.Next(3) != 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        for (int i = _random.Next(1, 4); i > 0; i--)
        {
            text.Append(" \t\n\r"[_random.Next(4)]);
        }

        return text.ToString();
    }

    private byte InterestingByte() => _random.Next(4) == 0 ? (byte)_random.Next(256) : InterestingBytes[_random.Next(InterestingBytes.Length)];

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
