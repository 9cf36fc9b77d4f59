using System.Text;
using Takedown.Hashing.Exact;
using Takedown.Hashing.Tests.Imaging;

namespace Takedown.Hashing.Tests.Exact;

public sealed class ContentHasherTests
{
    [Fact]
    public void Compute_Abc_KnownDigests()
    {
        // FIPS 180-2 and RFC 1321 test vectors.
        ContentHashes hashes = ContentHasher.Compute("abc"u8);

        hashes.Md5Hex.ShouldBe("900150983cd24fb0d6963f7d28e17f72");
        hashes.Sha256Hex.ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        hashes.Length.ShouldBe(3);
    }

    [Fact]
    public void Compute_Empty_KnownDigests()
    {
        ContentHashes hashes = ContentHasher.Compute(ReadOnlySpan<byte>.Empty);

        hashes.Md5Hex.ShouldBe("d41d8cd98f00b204e9800998ecf8427e");
        hashes.Sha256Hex.ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(131071)]
    [InlineData(131072)]
    [InlineData(131073)]
    [InlineData(1_000_003)]
    public void Compute_StreamAcrossBufferBoundaries_EqualsOneShot(int length)
    {
        // Given: lengths around the 128 KB streaming buffer.
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        using var stream = new NonSeekableStream(data);

        // When
        ContentHashes streamed = ContentHasher.Compute(stream);

        // Then
        streamed.ShouldBe(ContentHasher.Compute(data));
        streamed.Length.ShouldBe(length);
    }

    [Fact]
    public async Task ComputeAsync_File_EqualsOneShot()
    {
        string path = ImagingReferenceData.PathOf("images/bridge-mods/aaa-orig.jpg");
        await using var file = File.OpenRead(path);

        ContentHashes hashes = await ContentHasher.ComputeAsync(file, TestContext.Current.CancellationToken);

        hashes.ShouldBe(ContentHasher.ComputeFile(path));
        hashes.ShouldBe(ContentHasher.Compute(File.ReadAllBytes(path)));
    }

    [Fact]
    public void ComputeFile_KnownText_MatchesSystemDigest()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "The quick brown fox jumps over the lazy dog", Encoding.ASCII);

            ContentHashes hashes = ContentHasher.ComputeFile(path);

            hashes.Md5Hex.ShouldBe("9e107d9d372bb6826bd81d3542a419d6");
            hashes.Sha256Hex.ShouldBe("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
