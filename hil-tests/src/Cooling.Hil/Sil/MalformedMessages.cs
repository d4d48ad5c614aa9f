using System.Globalization;
using System.Text;

namespace Cooling.Hil.Sil;

/// <summary>
/// Deterministic bursts of bad messages for COM-3: truncated and invalid JSON, wrong types, wrong versions, missing
/// or stale sequence numbers, unknown fields' values out of contract, binary garbage and oversize payloads. None of
/// them is a valid message of contract v1, so every one must be rejected and counted and none may move an actuator.
/// </summary>
public sealed class MalformedMessages(int seed)
{
    private readonly Random _random = new(seed);
    private int _next;

    private static readonly string[] Templates =
    [
        """{"v":1,"seq":""",
        """{"v":1,"epoch":1,"seq":"12","leaseSeconds":30,"supplyTemperatureCelsius":30}""",
        """{"v":2,"seq":{SEQ},"leaseSeconds":30,"supplyTemperatureCelsius":30}""",
        """{"v":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""",
        """{"v":1,"epoch":1,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""",
        """{"v":1,"epoch":1,"seq":{SEQ},"leaseSeconds":30,"supplyTemperatureCelsius":"warm"}""",
        """{"v":1,"epoch":1,"seq":{SEQ},"leaseSeconds":-5,"supplyTemperatureCelsius":30}""",
        """{"v":1,"epoch":1,"seq":{SEQ},"seq":{SEQ},"leaseSeconds":30,"supplyTemperatureCelsius":30}""",
        """[1,2,3]""",
        """{"v":1,"epoch":1,"seq":{SEQ},"leaseSeconds":30,"supplyTemperatureCelsius":1e999}""",
        """{"v":1,"seq":{SEQ},"command":"reset""",
        """{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{""",
        "",
    ];

    /// <summary>The next bad payload (<paramref name="sequenceHint"/> makes sequence numbers plausible where one appears).</summary>
    public byte[] Next(long sequenceHint)
    {
        var kind = _next++ % (Templates.Length + 2);
        if (kind == Templates.Length)
        {
            var garbage = new byte[1 + _random.Next(200)];
            _random.NextBytes(garbage);
            garbage[0] = (byte)'{';
            return garbage;
        }

        if (kind == Templates.Length + 1)
        {
            // Larger than any inbox slot.
            return Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":1,\"pad\":\"" + new string('x', 16_384) + "\"}");
        }

        return Encoding.UTF8.GetBytes(Templates[kind].Replace("{SEQ}", (sequenceHint + 1_000_000_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
