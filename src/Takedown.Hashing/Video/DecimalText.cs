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
        BigInteger scaled = RoundScaled(value, decimals);
        return FormatScaled(scaled, decimals);
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
    private static string FormatScaled(BigInteger scaled, int decimals)
    {
        string digits = scaled.ToString(CultureInfo.InvariantCulture);
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
