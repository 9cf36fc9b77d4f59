using System.Globalization;
using System.Numerics;
using System.Text;

namespace Takedown.Hashing.Video;

/// <summary>
/// Exact decimal rounding of doubles as C's <c>printf</c> and Python's <c>format</c> do it: the exact binary value is
/// rounded to the requested digits, ties to even. (.NET's formatting rounds ties away from zero, which differs for
/// timestamps such as 1.125.)
/// </summary>
internal static class DecimalText
{
    /// <summary><c>printf("%.{decimals}f", value)</c> for a finite, non-negative value.</summary>
    public static string Fixed(double value, int decimals)
    {
        CheckValue(value);
        if (TryRoundScaledInt64(value, decimals, out long small))
        {
            return FormatScaled(small, decimals);
        }

        return FormatScaled(RoundScaled(value, decimals), decimals);
    }

    /// <summary>
    /// <see cref="Fixed"/> through the exact arbitrary-precision path only (tests compare it with the fast path).
    /// </summary>
    internal static string FixedExact(double value, int decimals)
    {
        CheckValue(value);
        return FormatScaled(RoundScaled(value, decimals), decimals);
    }

    /// <summary>
    /// Python's <c>f"{value:.{digits}}"</c> (no presentation type): <paramref name="digits"/> significant digits,
    /// exponent form when the decimal exponent is below -4 or at least <c>digits - 1</c> (mantissa without trailing
    /// zeros, so 100.0 is <c>1e+02</c>), else fixed form with trailing zeros removed but at least one digit after the
    /// point (1.0 is <c>1.0</c>).
    /// </summary>
    public static string PythonGeneral(double value, int digits)
    {
        CheckValue(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        if (value == 0)
        {
            return "0.0";
        }

        // Find the decimal exponent of the value rounded to `digits` significant digits.
        int exponent = (int)Math.Floor(Math.Log10(value));
        BigInteger significand = RoundScaled(value, digits - 1 - exponent);
        BigInteger limit = BigInteger.Pow(10, digits);
        if (significand >= limit)
        {
            exponent++;
            significand = RoundScaled(value, digits - 1 - exponent);
        }
        else if (significand < limit / 10)
        {
            exponent--;
            significand = RoundScaled(value, digits - 1 - exponent);
        }

        if (exponent < -4 || exponent >= digits - 1)
        {
            string mantissa = FormatScaled(significand, digits - 1).TrimEnd('0').TrimEnd('.');
            string sign = exponent < 0 ? "-" : "+";
            return mantissa + "e" + sign + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        // Fixed form: digits - 1 - exponent is at least 1 here, so the text always has a point.
        string text = FormatScaled(significand, digits - 1 - exponent).TrimEnd('0');
        return text.EndsWith('.') ? text + "0" : text;
    }

    /// <summary>
    /// round_half_even(value × 10^decimals) in plain double arithmetic when that is exact: a frame timestamp is a float
    /// (24 significant bits) and 10^3 = 2^3 × 125 adds 7, so the product is exact in a double's 53 bits and rounding it
    /// rounds the exact value, as the <see cref="BigInteger"/> path does, without its cost per hashed frame.
    /// </summary>
    private static bool TryRoundScaledInt64(double value, int decimals, out long scaled)
    {
        scaled = 0;
        if (decimals is < 0 or > 22 || !(value < 1e15))
        {
            return false;
        }

        if (value == 0)
        {
            return true;
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        long mantissa = (bits & 0xF_FFFF_FFFF_FFFF) | (((bits >> 52) & 0x7FF) == 0 ? 0 : 1L << 52);
        int significantBits = 64 - BitOperations.LeadingZeroCount((ulong)mantissa) - BitOperations.TrailingZeroCount(mantissa);
        long fivePower = 1;
        for (int i = 0; i < decimals; i++)
        {
            fivePower *= 5;
        }

        int fiveBits = 64 - BitOperations.LeadingZeroCount((ulong)fivePower);
        double product = Math.ScaleB(value * fivePower, decimals);
        if (significantBits + fiveBits > 53 || !(product < 9007199254740992.0))
        {
            return false;
        }

        // Exact product below 2^53: its fraction is exact too, so this is the exact half-to-even rounding.
        scaled = (long)Math.Round(product, MidpointRounding.ToEven);
        return true;
    }

    /// <summary>round_half_even(value × 10^decimals) computed exactly (decimals may be negative).</summary>
    private static BigInteger RoundScaled(double value, int decimals)
    {
        // value = mantissa × 2^exponent exactly.
        long bits = BitConverter.DoubleToInt64Bits(value);
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        if (rawExponent == 0)
        {
            rawExponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        int binaryExponent = rawExponent - 1075;
        BigInteger numerator = mantissa;
        BigInteger denominator = BigInteger.One;
        if (binaryExponent >= 0)
        {
            numerator <<= binaryExponent;
        }
        else
        {
            denominator <<= -binaryExponent;
        }

        if (decimals >= 0)
        {
            numerator *= BigInteger.Pow(10, decimals);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -decimals);
        }

        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        return quotient;
    }

    /// <summary>Writes <c>scaled / 10^decimals</c> with exactly <paramref name="decimals"/> digits after the point.</summary>
    private static string FormatScaled(BigInteger scaled, int decimals) =>
        FormatDigits(scaled.ToString(CultureInfo.InvariantCulture), decimals);

    private static string FormatScaled(long scaled, int decimals) =>
        FormatDigits(scaled.ToString(CultureInfo.InvariantCulture), decimals);

    private static string FormatDigits(string digits, int decimals)
    {
        if (decimals <= 0)
        {
            return digits + new string('0', -decimals);
        }

        digits = digits.PadLeft(decimals + 1, '0');
        var builder = new StringBuilder(digits.Length + 1);
        builder.Append(digits, 0, digits.Length - decimals).Append('.').Append(digits, digits.Length - decimals, decimals);
        return builder.ToString();
    }

    private static void CheckValue(double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite, non-negative values are formatted.");
        }
    }
}
