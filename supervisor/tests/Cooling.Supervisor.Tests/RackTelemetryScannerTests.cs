using System.Globalization;
using System.Text;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Tests;

/// <summary>The fast path of the rack reader gives exactly what the general reader gives, on valid and broken input.</summary>
public sealed class RackTelemetryScannerTests
{
    [Fact]
    public void Takes_messages_as_rack_agents_write_them_by_the_fast_path()
    {
        Assert.True(RackTelemetryReader.FastPathAccepts(Messages.Rack(gpus: 72)));
        Assert.True(RackTelemetryReader.FastPathAccepts(Messages.Text(
            """ { "v" : 1, "seq":0, "timestampUnixMilliseconds":1.764E12, "gpus" : [ {"index":0,"temperatureCelsius":-0.5e1,"powerWatts":0,"x":[{"a":null},"s\"\u00e9",true]} ] } """)));
    }

    [Theory]
    [InlineData("""{"v":1,"seq":1,"timestampUnixMilliseconds":1,"gpus":[{"\u0069ndex":0,"temperatureCelsius":50,"powerWatts":1}]}""")] // escaped name
    [InlineData("""{"v":1,"seq":1,"timestampUnixMilliseconds":1,"gpus":[{"index":0,"temperatureCelsius":50.0000000000000001,"powerWatts":1}]}""")] // 18 digits
    [InlineData("""{"v":1,"seq":1,"timestampUnixMilliseconds":1,"note":"Küche","gpus":[{"index":0,"temperatureCelsius":50,"powerWatts":1}]}""")] // non-ASCII
    [InlineData("""{"v":1,"seq":1,"timestampUnixMilliseconds":1,"gpus":[{"index":0,"temperatureCelsius":5e-23,"powerWatts":1}]}""")] // exponent
    public void Leaves_other_valid_messages_to_the_general_reader_with_the_same_result(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);

        Assert.False(RackTelemetryReader.FastPathAccepts(payload));
        Assert.Equal(RackTelemetryReader.ReadWithoutFastPath(payload), RackTelemetryReader.Read(payload));
        Assert.True(RackTelemetryReader.Read(payload).IsSuccess, RackTelemetryReader.Read(payload).Error);
    }

    [Fact]
    public void Both_paths_agree_on_thousands_of_mutated_messages()
    {
        var random = new Random(20261124);
        var fastAccepted = 0;
        for (var n = 0; n < 4000; n++)
        {
            var text = Mutate(Generate(random), random);
            var payload = Encoding.UTF8.GetBytes(text);

            var expected = RackTelemetryReader.ReadWithoutFastPath(payload);
            var actual = RackTelemetryReader.Read(payload);

            Assert.True(expected == actual, $"{text}\nexpected {expected}\nactual {actual}");
            if (RackTelemetryReader.FastPathAccepts(payload)) fastAccepted++;
        }

        Assert.InRange(fastAccepted, 500, 3900); // both paths are exercised
    }

    private static string Generate(Random random)
    {
        var odd = random.Next(2) == 0; // half of the messages carry odd values (other number forms, wrong types, out of range)
        string Number(Random r, bool integer = false) => odd ? OddNumber(r, integer) : Plain(r, integer);
        var sb = new StringBuilder("{");
        var fields = new List<string>
        {
            $"\"v\":{(random.Next(20) == 0 ? "2" : "1")}",
            $"\"seq\":{Number(random, integer: true)}",
            $"\"timestampUnixMilliseconds\":{(random.Next(2) == 0 ? "1764000000000" : Number(random, integer: true))}",
        };
        if (random.Next(3) > 0) fields.Add($"\"inletTemperatureCelsius\":{Number(random)}");
        if (random.Next(3) > 0) fields.Add($"\"flowLitersPerMinute\":{Number(random)}");
        if (random.Next(3) == 0) fields.Add($"\"powerWatts\":{Number(random)}");
        if (random.Next(4) == 0) fields.Add("\"vendor\":{\"a\":[1,2.5e3,\"x\\n\",false,null,{\"b\":[]}]}");
        var gpus = new StringBuilder("\"gpus\":[");
        var count = random.Next(0, 9);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) gpus.Append(',');
            var index = odd && random.Next(12) == 0 ? random.Next(3) : i;
            gpus.Append(CultureInfo.InvariantCulture, $"{{\"index\":{index},\"temperatureCelsius\":{Number(random)}");
            var memory = random.Next(2) == 0 ? $",\"memoryTemperatureCelsius\":{Number(random)}" : "";
            var power = $",\"powerWatts\":{Number(random)}";
            var asAgentsWrite = random.Next(2) == 0; // memory before power and "throttled" always there: the straight pass's layout
            gpus.Append(asAgentsWrite ? memory + power : power + memory);
            if (asAgentsWrite || random.Next(2) == 0)
            {
                gpus.Append(random.Next(10) == 0 ? ",\"throttled\":\"yes\"" : random.Next(2) == 0 ? ",\"throttled\":true" : ",\"throttled\":false");
            }

            gpus.Append('}');
        }

        fields.Add(gpus.Append(']').ToString());
        var shuffled = fields.OrderBy(_ => random.Next()).ToList();
        sb.Append(string.Join(',', shuffled)).Append('}');
        return sb.ToString();
    }

    private static string Plain(Random random, bool integer) => integer
        ? random.Next(0, 100000).ToString(CultureInfo.InvariantCulture)
        : (random.NextDouble() * 80 + 10).ToString(random.Next(2) == 0 ? "F2" : "G6", CultureInfo.InvariantCulture);

    private static string OddNumber(Random random, bool integer = false) => random.Next(14) switch
    {
        0 => "-0",
        1 => "1e2",
        2 => "0.000123",
        3 => "12345678901234567",
        4 => "6.5E+1",
        5 => "\"61\"",
        6 => "null",
        7 => "4999.99",
        _ => integer ? random.Next(0, 100000).ToString(CultureInfo.InvariantCulture)
            : (random.NextDouble() * 200 - 30).ToString(random.Next(2) == 0 ? "F2" : "R", CultureInfo.InvariantCulture),
    };

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToCharArray().ToList();
        switch (random.Next(10))
        {
            case 0: // whitespace at a token boundary
                var at = text.IndexOfAny([',', ':', '[', '{'], random.Next(text.Length));
                return at < 0 ? text : text.Insert(at + 1, random.Next(2) == 0 ? " " : "\n\t ");
            case 1: // a byte removed
                chars.RemoveAt(random.Next(chars.Count));
                return new string([.. chars]);
            case 2: // a byte replaced
                const string alphabet = "{}[]\":,.-+eE0123456789tfnul \\x";
                chars[random.Next(chars.Count)] = alphabet[random.Next(alphabet.Length)];
                return new string([.. chars]);
            case 3: // cut short
                return text[..random.Next(text.Length)];
            case 4: // content after the object
                return text + (random.Next(2) == 0 ? " " : "x");
            default:
                return text;
        }
    }
}
