using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cooling.Supervisor.Contract;

/// <summary>
/// The number conversion of <see cref="RackTelemetryScanner"/>: a JSON number of at most 15 significant digits and a
/// decimal exponent within ±22, converted exactly — one IEEE multiplication or division of the integer mantissa by an
/// exact power of ten rounds correctly (Clinger 1990). Anything outside that subset is refused (false), so the caller
/// falls back to the general reader. Static and inlined into the scanner's loops: no allocation, no virtual call.
/// </summary>
internal static class ExactJsonNumber
{
    // An array made once (a span expression over doubles is a new array at every use where the JIT cannot place it on the stack).
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    // The number at s[position…], on locals so that the digit loops run without bounds checks or memory round trips.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Scan(ReadOnlySpan<byte> s, ref int position, out double value)
    {
        value = 0;
        var p = position;
        var negative = (uint)p < (uint)s.Length && s[p] == (byte)'-';
        if (negative) p++;
        if ((uint)p >= (uint)s.Length) return false;
        ulong mantissa = 0;
        int digits = 0, exponent = 0;
        uint d;
        if (s[p] == (byte)'0')
        {
            p++;
            if ((uint)p < (uint)s.Length && IsDigit(s[p])) return false; // no leading zeros in JSON
        }
        else if (IsDigit(s[p]))
        {
            while ((uint)p < (uint)s.Length && (d = (uint)(s[p] - '0')) <= 9)
            {
                if (++digits > 15) return false;
                mantissa = mantissa * 10 + d;
                p++;
            }
        }
        else
        {
            return false;
        }

        if ((uint)p < (uint)s.Length && s[p] == (byte)'.')
        {
            p++;
            if ((uint)p >= (uint)s.Length || !IsDigit(s[p])) return false;
            while ((uint)p < (uint)s.Length && (d = (uint)(s[p] - '0')) <= 9)
            {
                p++;
                exponent--;
                if (mantissa == 0 && d == 0) continue;
                if (++digits > 15) return false;
                mantissa = mantissa * 10 + d;
            }
        }

        if ((uint)p < (uint)s.Length && s[p] is (byte)'e' or (byte)'E')
        {
            p++;
            var negativeExponent = (uint)p < (uint)s.Length && s[p] == (byte)'-';
            if (negativeExponent || ((uint)p < (uint)s.Length && s[p] == (byte)'+')) p++;
            if ((uint)p >= (uint)s.Length || !IsDigit(s[p])) return false;
            var e = 0;
            while ((uint)p < (uint)s.Length && (d = (uint)(s[p] - '0')) <= 9)
            {
                e = Math.Min(e * 10 + (int)d, 10_000);
                p++;
            }

            exponent += negativeExponent ? -e : e;
        }

        position = p;
        if (exponent is < -22 or > 22) return mantissa == 0 ? Zero(negative, out value) : false;
        ref var powers = ref MemoryMarshal.GetArrayDataReference(PowersOfTen);
        var magnitude = exponent < 0 ? mantissa / Unsafe.Add(ref powers, -exponent) : mantissa * Unsafe.Add(ref powers, exponent);
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool Zero(bool negative, out double value)
    {
        value = negative ? -0.0 : 0.0;
        return true;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;
}
