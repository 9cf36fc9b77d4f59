using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>
/// The reference maintainers' second bar: from the ORIGINAL files with our own decoder, every hash whose
/// reference quality is at least 80 is within Hamming distance 10 of the reference. Checked for the full
/// decode and for the default shrink-on-load decode.
/// </summary>
public sealed class ReferenceImageHashTests
{
    private const int MaxDistance = 10;

    private static readonly ImageDecoder s_full = new(new ImageDecodeOptions { ShrinkOnLoad = false });
    private static readonly ImageDecoder s_fast = new(ImageDecodeOptions.Default);

    public static TheoryData<string> Files() => ImagingReferenceData.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void ComputeHash_FullDecode_WithinDistance10OfReference(string file)
    {
        // Given
        ReferenceRow row = ImagingReferenceData.Rows.Single(r => r.File == file);

        // When
        PdqResult result = ImageHasher.ComputeHash(ImagingReferenceData.PathOf(file), s_full);

        // Then
        if (row.Quality >= 80)
        {
            PdqHash.Distance(result.Hash, PdqHash.Parse(row.Hash)).ShouldBeLessThanOrEqualTo(MaxDistance);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ComputeHash_ShrinkOnLoad_WithinDistance10OfReference(string file)
    {
        // Given
        ReferenceRow row = ImagingReferenceData.Rows.Single(r => r.File == file);

        // When
        PdqResult result = ImageHasher.ComputeHash(ImagingReferenceData.PathOf(file), s_fast);

        // Then
        if (row.Quality >= 80)
        {
            PdqHash.Distance(result.Hash, PdqHash.Parse(row.Hash)).ShouldBeLessThanOrEqualTo(MaxDistance);
        }
    }

    [Fact]
    public void ComputeHash_FullDecode_EveryReferenceImageBitExact()
    {
        // libvips' libjpeg-turbo decode (ISLOW, fancy upsampling) gives the pixels the reference hashed, so the
        // full decode reproduces every reference hash and quality exactly, whatever the quality.
        var mismatches = new List<string>();
        foreach (ReferenceRow row in ImagingReferenceData.Rows)
        {
            PdqResult result = ImageHasher.ComputeHash(ImagingReferenceData.PathOf(row.File), s_full);
            int distance = PdqHash.Distance(result.Hash, PdqHash.Parse(row.Hash));
            if (distance != 0 || result.Quality != row.Quality)
            {
                mismatches.Add($"{row.File}: distance {distance}, quality {result.Quality} vs {row.Quality}");
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public void ComputeHash_ShrinkOnLoad_WorstDistanceOverAllImagesAtMost10AndReported()
    {
        // Given
        int worst = 0;
        string worstFile = "";
        int shrunk = 0;

        // When
        foreach (ReferenceRow row in ImagingReferenceData.Rows.Where(r => r.Quality >= 80))
        {
            using DecodedImage image = s_fast.Decode(ImagingReferenceData.PathOf(row.File));
            shrunk += image.ShrinkFactor > 1 ? 1 : 0;
            int distance = PdqHash.Distance(ImageHasher.ComputeHash(image).Hash, PdqHash.Parse(row.Hash));
            if (distance > worst)
            {
                (worst, worstFile) = (distance, row.File);
            }
        }

        // Then
        TestContext.Current.TestOutputHelper?.WriteLine($"shrink-on-load: {shrunk} images shrunk, worst distance {worst} ({worstFile})");
        shrunk.ShouldBeGreaterThan(0, "the 4032x3024 exif-rotn images must take the shrink-on-load path");
        worst.ShouldBeLessThanOrEqualTo(MaxDistance);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    public void ComputeHash_SmallerShrinkMinimumSide_StillWithinDistance10(int minimumSide)
    {
        // The more aggressive settings offered in ImageDecodeOptions.ShrinkMinimumSide also meet the bar.
        var decoder = new ImageDecoder(new ImageDecodeOptions { ShrinkMinimumSide = minimumSide });
        foreach (ReferenceRow row in ImagingReferenceData.Rows.Where(r => r.Quality >= 80))
        {
            PdqResult result = ImageHasher.ComputeHash(ImagingReferenceData.PathOf(row.File), decoder);
            PdqHash.Distance(result.Hash, PdqHash.Parse(row.Hash)).ShouldBeLessThanOrEqualTo(MaxDistance, row.File);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decode_ReferenceImage_ChannelCountMatchesReferenceOrIsGreyDetected(string file)
    {
        // Given
        ReferenceRow row = ImagingReferenceData.Rows.Single(r => r.File == file);

        // When
        using DecodedImage image = s_full.Decode(ImagingReferenceData.PathOf(file));

        // Then: one-channel files stay one channel; colour files are RGB unless every pixel is grey.
        if (row.Spectrum == 1)
        {
            image.PixelFormat.ShouldBe(PdqPixelFormat.Grey8);
        }

        image.SourceWidth.ShouldBe(row.Width);
        image.SourceHeight.ShouldBe(row.Height);
        bool sampled = row.Width > 512 || row.Height > 512;
        image.Width.ShouldBe(sampled ? 512 : row.Width);
        image.Height.ShouldBe(sampled ? 512 : row.Height);
    }
}
