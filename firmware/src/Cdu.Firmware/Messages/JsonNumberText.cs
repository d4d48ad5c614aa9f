using System;

namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// A JSON number's text (RFC 8259 §6): its syntax, checked by <see cref="JsonSyntaxScanner"/>, and its value, read by
    /// <see cref="JsonMessageReader"/>. Static and allocation-free.
    /// </summary>
    public static class JsonNumberText
    {
        /// <summary>
        /// Checks the number starting at <paramref name="position"/> (before <paramref name="end"/>) and moves
        /// <paramref name="position"/> past it.
        /// </summary>
        public static JsonError Scan(byte[] buffer, ref int position, int end)
        {
            if (buffer[position] == (byte)'-')
            {
                position++;
            }

            if (position >= end)
            {
                return JsonError.UnexpectedEnd;
            }

            if (buffer[position] == (byte)'0')
            {
                position++;
            }
            else if (IsDigit(buffer[position]))
            {
                while (position < end && IsDigit(buffer[position]))
                {
                    position++;
                }
            }
            else
            {
                return JsonError.InvalidNumber;
            }

            if (position < end && buffer[position] == (byte)'.')
            {
                position++;
                if (position >= end || !IsDigit(buffer[position]))
                {
                    return JsonError.InvalidNumber;
                }

                while (position < end && IsDigit(buffer[position]))
                {
                    position++;
                }
            }

            if (position < end && (buffer[position] == (byte)'e' || buffer[position] == (byte)'E'))
            {
                position++;
                if (position < end && (buffer[position] == (byte)'+' || buffer[position] == (byte)'-'))
                {
                    position++;
                }

                if (position >= end || !IsDigit(buffer[position]))
                {
                    return JsonError.InvalidNumber;
                }

                while (position < end && IsDigit(buffer[position]))
                {
                    position++;
                }
            }

            return JsonError.None;
        }

        /// <summary>
        /// Converts an already-validated number token of <paramref name="length"/> bytes at <paramref name="start"/>.
        /// Keeps 17 significant digits; the rest only scale. False when the value is not finite.
        /// </summary>
        public static bool TryParse(byte[] buffer, int start, int length, out double value)
        {
            value = 0;
            int position = start;
            int end = start + length;
            bool negative = buffer[position] == (byte)'-';
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
                byte b = buffer[position];
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
                if (buffer[position] == (byte)'+' || buffer[position] == (byte)'-')
                {
                    negativeExponent = buffer[position] == (byte)'-';
                    position++;
                }

                int exponent = 0;
                for (; position < end; position++)
                {
                    if (exponent < 10000)
                    {
                        exponent = exponent * 10 + (buffer[position] - '0');
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

        private static bool IsDigit(byte b)
        {
            return b >= (byte)'0' && b <= (byte)'9';
        }
    }
}
