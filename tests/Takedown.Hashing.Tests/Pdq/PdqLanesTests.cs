using System.Runtime.Intrinsics;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>
/// The vector luma (one byte shuffle per channel into int32 lanes, exact conversion, products and sums
/// rounded one at a time) against the reference's per-pixel float formula: every value of each channel, and
/// every one of the 2^24 colours.
/// </summary>
public sealed class PdqLanesTests
{
    [Fact]
    public void LumaRgb_EveryChannelValue_BitIdenticalToReferenceFormula()
    {
        // Given: pixel k of a run of 256 has r = k, g = 255 - k, b = (7k + 3) mod 256, and two more runs rotate the channels.
        byte[] pixels = RgbRuns();
        int checkedKernels = 0;

        // When / Then
        if (PdqLanes256.IsSupported)
        {
            for (int p = 0; p + 8 <= pixels.Length / 3 && (p * 3) + PdqLanes256.RgbReadBytes <= pixels.Length; p += 8)
            {
                Vector256<float> luma = PdqLanes256.LumaRgb(ref pixels[p * 3]).Value;
                for (int j = 0; j < 8; j++)
                {
                    BitConverter.SingleToUInt32Bits(luma[j]).ShouldBe(BitConverter.SingleToUInt32Bits(Reference(pixels, p + j)), $"pixel {p + j}");
                }
            }

            checkedKernels++;
        }

        if (PdqLanes128.IsSupported)
        {
            for (int p = 0; p + 4 <= pixels.Length / 3 && (p * 3) + PdqLanes128.RgbReadBytes <= pixels.Length; p += 4)
            {
                Vector128<float> luma = PdqLanes128.LumaRgb(ref pixels[p * 3]).Value;
                for (int j = 0; j < 4; j++)
                {
                    BitConverter.SingleToUInt32Bits(luma[j]).ShouldBe(BitConverter.SingleToUInt32Bits(Reference(pixels, p + j)), $"pixel {p + j}");
                }
            }

            checkedKernels++;
        }

        checkedKernels.ShouldBe(PdqTestKernels.Available().Count(k => k != PdqKernel.Scalar));
    }

    [Fact]
    public void LumaRgb_AllColours_BitIdenticalToReferenceFormula()
    {
        // Given: for each red and green, a run of the 256 blues (plus the bytes the vector reads past the run).
        byte[] run = new byte[(256 * 3) + 32];
        uint[] expected = new uint[256];
        uint[] actual = new uint[256];
        int mismatches = 0;
        for (int r = 0; r < 256; r++)
        {
            for (int g = 0; g < 256; g++)
            {
                for (int b = 0; b < 256; b++)
                {
                    run[b * 3] = (byte)r;
                    run[(b * 3) + 1] = (byte)g;
                    run[(b * 3) + 2] = (byte)b;
                    expected[b] = BitConverter.SingleToUInt32Bits(Reference(run, b));
                }

                // When
                if (PdqLanes256.IsSupported)
                {
                    for (int b = 0; b < 256; b += 8)
                    {
                        Vector256<float> luma = PdqLanes256.LumaRgb(ref run[b * 3]).Value;
                        luma.AsUInt32().CopyTo(actual, b);
                    }

                    mismatches += Mismatches(expected, actual);
                }

                if (PdqLanes128.IsSupported)
                {
                    for (int b = 0; b < 256; b += 4)
                    {
                        Vector128<float> luma = PdqLanes128.LumaRgb(ref run[b * 3]).Value;
                        luma.AsUInt32().CopyTo(actual, b);
                    }

                    mismatches += Mismatches(expected, actual);
                }
            }
        }

        // Then
        mismatches.ShouldBe(0);
    }

    [Fact]
    public void LumaRgbTransposed_Block_EqualsTransposedRowLuma()
    {
        // Given: an 8-row block cut from the runs, rows 100 bytes apart.
        byte[] pixels = RgbRuns();
        const int Stride = 100;
        var transposed = new float[8 * 16];

        // When / Then
        if (PdqLanes256.IsSupported)
        {
            PdqLanes256.LumaRgbTransposed(ref pixels[5], Stride, ref transposed[0], 16);
            for (int i = 0; i < 8; i++)
            {
                for (int j = 0; j < 8; j++)
                {
                    int offset = 5 + (i * Stride) + (j * 3);
                    float expected = PdqLuma.FromRgb(pixels[offset], pixels[offset + 1], pixels[offset + 2]);
                    BitConverter.SingleToUInt32Bits(transposed[(j * 16) + i]).ShouldBe(BitConverter.SingleToUInt32Bits(expected), $"row {i} column {j}");
                }
            }
        }

        if (PdqLanes128.IsSupported)
        {
            PdqLanes128.LumaRgbTransposed(ref pixels[7], Stride, ref transposed[0], 16);
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    int offset = 7 + (i * Stride) + (j * 3);
                    float expected = PdqLuma.FromRgb(pixels[offset], pixels[offset + 1], pixels[offset + 2]);
                    BitConverter.SingleToUInt32Bits(transposed[(j * 16) + i]).ShouldBe(BitConverter.SingleToUInt32Bits(expected), $"row {i} column {j}");
                }
            }
        }
    }

    private static int Mismatches(uint[] expected, uint[] actual)
    {
        int count = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            count += expected[i] == actual[i] ? 0 : 1;
        }

        return count;
    }

    private static float Reference(byte[] pixels, int pixel) =>
        (0.299f * pixels[pixel * 3]) + (0.587f * pixels[(pixel * 3) + 1]) + (0.114f * pixels[(pixel * 3) + 2]);

    private static byte[] RgbRuns()
    {
        var pixels = new byte[(3 * 256 * 3) + 32];
        for (int run = 0; run < 3; run++)
        {
            for (int k = 0; k < 256; k++)
            {
                byte[] values = [(byte)k, (byte)(255 - k), (byte)(((7 * k) + 3) & 255)];
                int p = ((run * 256) + k) * 3;
                for (int c = 0; c < 3; c++)
                {
                    pixels[p + c] = values[(c + run) % 3];
                }
            }
        }

        return pixels;
    }
}
