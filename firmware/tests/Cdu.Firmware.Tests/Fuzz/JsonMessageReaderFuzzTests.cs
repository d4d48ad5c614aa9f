// Method (COM-3, reader): differential fuzzing of the firmware's strict JSON reader against System.Text.Json.
// FuzzMessages (fixed seeds) produces random bytes, token soup, random valid documents around the reader's limits
// and mutated setpoint requests. Every message is parsed by one reused JsonMessageReader twice — alone, and framed
// by random bytes in a larger buffer (offset/length must be honoured: same verdict, same member count) — and by
// JsonDocument.Parse (default options: RFC 8259, no comments, no trailing commas, MaxDepth 64). Checked per message:
//   * no exception escapes the reader;
//   * reader says None  => System.Text.Json accepts, the root is an object within the limits, and every top-level
//                          member agrees (kind, string bytes, booleans, TryGetNumber within 1e-12 relative,
//                          TryGetInteger exactly);
//   * System.Text.Json accepts an object => the reader accepts it when it is within the limits (depth <= 8,
//                          <= 32 members, no duplicate top-level names), and otherwise refuses it with one of the
//                          violated limits' errors (TooDeep, TooManyMembers, DuplicateName), not a grammar error.
// Deliberate differences (counted and printed, not failures):
//   * duplicate names are compared on their raw bytes: {"a":1,"\u0061":2} is accepted (a name written with escapes
//     never matches a lookup, see JsonMessageReader);
//   * UTF-8 byte sequences inside strings are not validated (System.Text.Json's JsonDocument does not either, so both
//     accept them; RFC 8259 asks for UTF-8 — the reader only looks names up by ASCII, so nothing reads such bytes);
//   * TryGetInteger takes 18 digits at most (a 19-digit long is refused where TryGetInt64 reads it);
//   * a number within 1e-12 of ±double.MaxValue may be judged finite/infinite differently (one rounding step);
//   * subnormal results (|x| < 2.2e-308) agree within 4 ulp (4 × double.Epsilon) instead of 1e-12 relative.
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Tests.Support;
using Xunit.Abstractions;
using OurKind = Cdu.Firmware.Messages.JsonValueKind;
using StjKind = System.Text.Json.JsonValueKind;

namespace Cdu.Firmware.Tests.Fuzz;

public sealed class JsonMessageReaderFuzzTests(ITestOutputHelper output)
{
    private const int MessagesPerSeed = 60_000;

    /// <summary>The firmware's inbox slot size, used to place oversize payloads around it.</summary>
    private static readonly int InboxPayloadBytes =
        new CduController(new CduSettings(), new ManualClock(), new ScriptedIo(), new RecordingBus(), new CduTopics("site1", "cdu1")).Inbox.MaximumPayloadBytes;

    private static readonly byte[] FrameBytes = "{}[]\":,0123456789-.eE \t\\tfn\u00ff"u8.ToArray();

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    [Theory]
    [InlineData(8259)]
    [InlineData(20251)]
    public void COM_3_reader_fuzz_never_throws_and_agrees_with_System_Text_Json(int seed)
    {
        var generator = new FuzzMessages(seed, InboxPayloadBytes);
        var frames = new Random(seed ^ 0x5EED);
        var alone = new JsonMessageReader();
        var framed = new JsonMessageReader();
        var stats = new Statistics();

        for (int i = 0; i < MessagesPerSeed; i++)
        {
            byte[] message = generator.Next(out FuzzFamily family);
            stats.Families[(int)family]++;
            string? problem;
            try
            {
                problem = Check(message, alone, framed, frames, stats);
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                problem = "exception escaped: " + exception;
            }

            if (problem != null)
            {
                Assert.Fail($"seed {seed}, message {i} ({family}, {message.Length} bytes): {problem}\n{Show(message)}");
            }
        }

        stats.Print(output, seed);

        // The generator must keep exercising both sides of every rule, and every refusal reason.
        Assert.True(stats.OursAccepted > MessagesPerSeed / 10, "too few accepted documents: " + stats.OursAccepted);
        Assert.True(stats.StjObjectsBeyondLimits > 100, "too few valid documents beyond the limits");
        Assert.True(stats.NumbersCompared > MessagesPerSeed, "too few numbers compared");
        foreach (JsonError error in Enum.GetValues<JsonError>())
        {
            Assert.True(stats.Errors[(int)error] > 0, "no message produced " + error);
        }
    }

    [Fact]
    public void COM_3_reader_refuses_out_of_range_arguments_without_throwing()
    {
        var random = new Random(3);
        var reader = new JsonMessageReader();
        int[] awkward = [int.MinValue, -1, 0, 1, 7, 8, 9, int.MaxValue - 1, int.MaxValue];
        byte[] buffer = "{\"v\":1}"u8.ToArray();
        Assert.Equal(JsonError.Empty, reader.Parse(null!, 0, 0));
        for (int i = 0; i < 2000; i++)
        {
            int offset = i < 81 ? awkward[i % 9] : random.Next(-20, 20);
            int length = i < 81 ? awkward[i / 9] : random.Next(-20, 20);
            JsonError error = reader.Parse(buffer, offset, length);
            bool inRange = offset >= 0 && length >= 0 && (long)offset + length <= buffer.Length;
            if (!inRange)
            {
                Assert.Equal(JsonError.Empty, error);
                Assert.Equal(0, reader.MemberCount);
            }
        }
    }

    /// <summary>Regression for what the fuzzer found: 10^-scale overflowed beyond 1e308, and these read as 0.</summary>
    [Theory]
    [InlineData("2.2250738585072014e-308", 2.2250738585072014e-308)]
    [InlineData("2.2250738585072011e-308", 2.2250738585072011e-308)]
    [InlineData("1.2345678901234567e-300", 1.2345678901234567e-300)]
    [InlineData("-0.1e-308", -1e-309)]
    [InlineData("123456789012345678e-330", 1.23456789012345678e-313)]
    public void COM_3_reader_reads_numbers_near_the_bottom_of_the_double_range(string text, double expected)
    {
        var reader = new JsonMessageReader();
        byte[] message = Encoding.UTF8.GetBytes("{\"x\":" + text + "}");
        Assert.Equal(JsonError.None, reader.Parse(message, 0, message.Length));
        Assert.True(reader.TryGetNumber("x", out double value));
        Assert.Equal(expected, value, Math.Max(Math.Abs(expected) * 1e-12, 4 * double.Epsilon));
    }

    private static string? Check(byte[] message, JsonMessageReader alone, JsonMessageReader framed, Random frames, Statistics stats)
    {
        // 1. The reader, alone and framed by random bytes.
        JsonError ours = alone.Parse(message, 0, message.Length);
        int prefix = frames.Next(0, 6);
        var frame = new byte[prefix + message.Length + frames.Next(0, 6)];
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = FrameBytes[frames.Next(FrameBytes.Length)];
        }

        Buffer.BlockCopy(message, 0, frame, prefix, message.Length);
        JsonError oursFramed = framed.Parse(frame, prefix, message.Length);
        if (oursFramed != ours || framed.MemberCount != alone.MemberCount)
        {
            return $"framed parse differs: {ours}/{alone.MemberCount} alone, {oursFramed}/{framed.MemberCount} framed";
        }

        stats.Errors[(int)ours]++;

        // 2. System.Text.Json's verdict.
        bool stjAccepts;
        StjKind rootKind = StjKind.Undefined;
        int depth = 0;
        int stjMembers = 0;
        try
        {
            using JsonDocument document = JsonDocument.Parse(message);
            stjAccepts = true;
            rootKind = document.RootElement.ValueKind;
            depth = Depth(document.RootElement);
            stjMembers = rootKind == StjKind.Object ? document.RootElement.EnumerateObject().Count() : 0;
        }
        catch (JsonException)
        {
            stjAccepts = false;
        }

        if (!stjAccepts)
        {
            return ours == JsonError.None ? "reader accepts what System.Text.Json refuses" : null;
        }

        if (rootKind != StjKind.Object)
        {
            return ours == JsonError.NotAnObject ? null : $"a {rootKind} root gave {ours}, expected NotAnObject";
        }

        // 3. A valid object: the reader's verdict follows from the limits alone.
        List<Member> members = TopLevelMembers(message);
        if (members.Count != stjMembers)
        {
            return "Utf8JsonReader and JsonDocument disagree on the member count";
        }

        bool rawDuplicate = false;
        bool decodedDuplicate = false;
        for (int a = 0; a < members.Count; a++)
        {
            for (int b = a + 1; b < members.Count; b++)
            {
                rawDuplicate |= members[a].RawName.AsSpan().SequenceEqual(members[b].RawName);
                decodedDuplicate |= members[a].DecodedName != null && members[a].DecodedName == members[b].DecodedName;
            }
        }

        var violated = new List<JsonError>();
        if (depth > JsonMessageReader.MaximumDepth)
        {
            violated.Add(JsonError.TooDeep);
        }

        if (members.Count > JsonMessageReader.MaximumMembers)
        {
            violated.Add(JsonError.TooManyMembers);
        }

        if (rawDuplicate)
        {
            violated.Add(JsonError.DuplicateName);
        }

        if (violated.Count > 0)
        {
            stats.StjObjectsBeyondLimits++;
            return violated.Contains(ours) ? null : $"valid object beyond the limits ({string.Join(", ", violated)}, depth {depth}, {members.Count} members) gave {ours}";
        }

        if (ours != JsonError.None)
        {
            return $"valid object within the limits (depth {depth}, {members.Count} members) refused: {ours}";
        }

        // 4. Accepted by both: the members read the same.
        stats.OursAccepted++;
        if (decodedDuplicate)
        {
            stats.EscapedDuplicatesAccepted++;
        }

        if (!IsStrictUtf8(message))
        {
            stats.InvalidUtf8Accepted++;
        }

        if (framed.MemberCount != members.Count)
        {
            return $"member count {framed.MemberCount}, System.Text.Json {members.Count}";
        }

        foreach (Member member in members)
        {
            string? problem = CompareMember(framed, member, stats);
            if (problem != null)
            {
                return $"member \"{Latin1(member.RawName)}\": {problem}";
            }
        }

        return null;
    }

    private static string? CompareMember(JsonMessageReader reader, Member member, Statistics stats)
    {
        string name = Latin1(member.RawName); // the reader matches names byte for char
        OurKind expected = member.Token switch
        {
            JsonTokenType.StartObject => OurKind.Object,
            JsonTokenType.StartArray => OurKind.Array,
            JsonTokenType.String => OurKind.String,
            JsonTokenType.Number => OurKind.Number,
            JsonTokenType.True => OurKind.True,
            JsonTokenType.False => OurKind.False,
            _ => OurKind.Null,
        };
        OurKind kind = reader.GetKind(name);
        if (kind != expected)
        {
            return $"kind {kind}, System.Text.Json {expected}";
        }

        switch (expected)
        {
            case OurKind.String:
                return reader.StringEquals(name, Latin1(member.RawValue)) ? null : "StringEquals(raw text) is false";
            case OurKind.True:
            case OurKind.False:
                return reader.TryGetBoolean(name, out bool flag) && flag == (expected == OurKind.True) ? null : "TryGetBoolean disagrees";
            case OurKind.Number:
                stats.NumbersCompared++;
                return CompareNumber(reader, name, member, stats);
            default:
                return reader.TryGetNumber(name, out _) || reader.TryGetInteger(name, out _) || reader.TryGetBoolean(name, out _)
                    ? "a non-number read as a number or boolean"
                    : null;
        }
    }

    private static string? CompareNumber(JsonMessageReader reader, string name, Member member, Statistics stats)
    {
        string text = Latin1(member.RawValue);
        bool ours = reader.TryGetNumber(name, out double value);
        if (ours && member.HasDouble)
        {
            double scale = Math.Max(Math.Abs(value), Math.Abs(member.Double));
            double difference = Math.Abs(value - member.Double);
            if (difference > 1e-12 * scale)
            {
                if (scale >= 2.2250738585072014e-308 || difference > 4 * double.Epsilon)
                {
                    return $"TryGetNumber({text}) = {value:R}, System.Text.Json {member.Double:R}";
                }

                stats.SubnormalTolerance++;
                stats.Sample(stats.SubnormalSamples, $"{text}: {value:R} vs {member.Double:R}");
            }
        }
        else if (ours != member.HasDouble)
        {
            // One says finite, the other ±∞: only acceptable right at the edge of the double range.
            double edge = ours ? value : member.Double;
            if (Math.Abs(edge) < double.MaxValue * (1 - 1e-12))
            {
                return $"TryGetNumber({text}) is {ours} ({value:R}), System.Text.Json TryGetDouble is {member.HasDouble} ({member.Double:R})";
            }

            stats.OverflowEdge++;
            stats.Sample(stats.OverflowEdgeSamples, $"{text} (ours {ours}, System.Text.Json {member.HasDouble})");
        }

        bool oursInteger = reader.TryGetInteger(name, out long integer);
        if (oursInteger && (!member.HasLong || integer != member.Long))
        {
            return $"TryGetInteger({text}) = {integer}, System.Text.Json {(member.HasLong ? member.Long.ToString(CultureInfo.InvariantCulture) : "none")}";
        }

        if (!oursInteger && member.HasLong)
        {
            int digits = text.Length - (text[0] == '-' ? 1 : 0);
            if (digits <= 18)
            {
                return $"TryGetInteger({text}) is false, System.Text.Json reads {member.Long}";
            }

            stats.NineteenDigitIntegers++;
        }

        return null;
    }

    private sealed class Member
    {
        public required byte[] RawName { get; init; }
        public string? DecodedName { get; init; }
        public JsonTokenType Token { get; init; }
        public byte[] RawValue { get; init; } = [];
        public bool HasDouble { get; init; }
        public double Double { get; init; }
        public bool HasLong { get; init; }
        public long Long { get; init; }
    }

    /// <summary>The top-level members with their raw (still escaped) names, in document order.</summary>
    private static List<Member> TopLevelMembers(byte[] message)
    {
        var members = new List<Member>();
        var reader = new Utf8JsonReader(message);
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            byte[] rawName = reader.ValueSpan.ToArray();
            string? decoded;
            try
            {
                decoded = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                decoded = null; // invalid UTF-8 or a lone surrogate escape
            }

            reader.Read();
            JsonTokenType token = reader.TokenType;
            byte[] rawValue = token is JsonTokenType.StartObject or JsonTokenType.StartArray ? [] : reader.ValueSpan.ToArray();
            bool hasDouble = false;
            double number = 0;
            bool hasLong = false;
            long integer = 0;
            if (token == JsonTokenType.Number)
            {
                // TryGetDouble answers true with ±∞ for a number beyond the double range; the reader's
                // TryGetNumber promises a finite number, so finiteness is what is compared.
                hasDouble = reader.TryGetDouble(out number) && double.IsFinite(number);
                hasLong = reader.TryGetInt64(out integer);
            }

            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            members.Add(new Member
            {
                RawName = rawName,
                DecodedName = decoded,
                Token = token,
                RawValue = rawValue,
                HasDouble = hasDouble,
                Double = number,
                HasLong = hasLong,
                Long = integer,
            });
        }

        return members;
    }

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        StjKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        StjKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static bool IsStrictUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    internal static string Show(byte[] message)
    {
        var text = new StringBuilder();
        foreach (byte b in message.Take(600))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return message.Length > 600 ? text.Append('…').ToString() : text.ToString();
    }

    private sealed class Statistics
    {
        public int[] Families { get; } = new int[4];
        public int[] Errors { get; } = new int[15];
        public int OursAccepted { get; set; }
        public int StjObjectsBeyondLimits { get; set; }
        public int NumbersCompared { get; set; }
        public int EscapedDuplicatesAccepted { get; set; }
        public int InvalidUtf8Accepted { get; set; }
        public int NineteenDigitIntegers { get; set; }
        public int OverflowEdge { get; set; }
        public int SubnormalTolerance { get; set; }
        public List<string> OverflowEdgeSamples { get; } = [];
        public List<string> SubnormalSamples { get; } = [];

        public void Sample(List<string> samples, string text)
        {
            if (samples.Count < 4 && !samples.Contains(text))
            {
                samples.Add(text.Length > 80 ? text[..80] + "…" : text);
            }
        }

        public void Print(ITestOutputHelper output, int seed)
        {
            output.WriteLine($"seed {seed}: {MessagesPerSeed} messages — random bytes {Families[0]}, token soup {Families[1]}, random documents {Families[2]}, mutated requests {Families[3]}");
            output.WriteLine("reader verdicts: " + string.Join(", ", Enum.GetValues<JsonError>().Select(e => $"{e} {Errors[(int)e]}")));
            output.WriteLine($"valid objects beyond the limits {StjObjectsBeyondLimits}; numbers compared {NumbersCompared}");
            output.WriteLine($"deliberate differences: escaped-duplicate names accepted {EscapedDuplicatesAccepted}, invalid UTF-8 accepted (System.Text.Json too) {InvalidUtf8Accepted}, " +
                $"19-digit integers {NineteenDigitIntegers}, overflow-edge numbers {OverflowEdge}, subnormal tolerance {SubnormalTolerance}");
            output.WriteLine("  overflow edge, e.g. " + string.Join("; ", OverflowEdgeSamples));
            output.WriteLine("  subnormal, e.g. " + string.Join("; ", SubnormalSamples));
        }
    }
}
