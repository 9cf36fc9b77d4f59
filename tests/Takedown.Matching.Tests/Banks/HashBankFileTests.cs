using System.Buffers.Binary;
using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;
using Takedown.Matching.Exact;
using Takedown.Matching.Tests.Support;

namespace Takedown.Matching.Tests.Banks;

public sealed class HashBankFileTests
{
    private static byte[] Save(params HashBank[] banks)
    {
        using var stream = new MemoryStream();
        HashBankFile.Write(stream, banks);
        return stream.ToArray();
    }

    private static List<HashBank> Load(byte[] bytes) => HashBankFile.Read(new MemoryStream(bytes));

    private static HashBank SampleBank(string name, int count, int threshold, int seed)
    {
        var random = new Random(seed);
        var bank = new HashBank(name, threshold);
        for (int i = 0; i < count; i++)
        {
            bank.Add(TestHashes.Random(random), i % 3 == 0 ? "shared label" : $"case-{i} ☂");
        }

        bank.AddExact(ExactHash.Parse(ExactHashAlgorithm.Md5, "d41d8cd98f00b204e9800998ecf8427e"), "empty file");
        bank.AddExact(ExactHash.Parse(ExactHashAlgorithm.Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "case-1 ☂");
        return bank;
    }

    [Fact]
    public void Read_WrittenBanks_RoundTripsEveryField()
    {
        // Given
        HashBank ncii = SampleBank("ncii", 1000, 31, 1);
        HashBank partner = SampleBank("partner list", 10, 20, 2);
        var empty = new HashBank("empty", 0);

        // When
        List<HashBank> loaded = Load(Save(ncii, partner, empty));

        // Then
        loaded.Select(b => (b.Name, b.Threshold, b.Count, b.ExactCount))
            .ShouldBe([("ncii", 31, 1000, 2), ("partner list", 20, 10, 2), ("empty", 0, 0, 0)]);
        for (int i = 0; i < ncii.Count; i++)
        {
            loaded[0][i].ShouldBe(ncii[i]);
        }

        loaded[1].GetExact(1).ShouldBe(partner.GetExact(1));
        loaded[0].GetExact(0).Label.ShouldBe("empty file");
    }

    [Fact]
    public void Read_NotABankFile_ThrowsClearError()
    {
        byte[] text = "0123456789abcdef,label\n"u8.ToArray();
        Should.Throw<BankFormatException>(() => Load(text)).Message.ShouldContain("Not a Takedown bank file");
        Should.Throw<BankFormatException>(() => Load([])).Message.ShouldContain("Not a Takedown bank file");
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsBankFormatException()
    {
        // Given
        byte[] bytes = Save(SampleBank("ncii", 50, 31, 3));

        // When / Then: every prefix is rejected with the format exception, never another exception type.
        for (int length = 8; length < bytes.Length; length += 7)
        {
            Should.Throw<BankFormatException>(() => Load(bytes[..length]), $"length {length}");
        }
    }

    [Fact]
    public void Read_AnyFlippedByte_ThrowsBankFormatException()
    {
        // Given
        byte[] bytes = Save(SampleBank("ncii", 40, 31, 4));
        var random = new Random(5);

        // When / Then: a flipped byte anywhere (header, counts, labels, hashes, checksum) is caught.
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            int at = trial < 64 ? trial : random.Next(corrupt.Length);
            corrupt[at] ^= (byte)(1 << random.Next(8));
            Should.Throw<BankFormatException>(() => Load(corrupt), $"byte {at}");
        }
    }

    [Fact]
    public void Read_HugeCountsInHeader_ThrowsWithoutAllocating()
    {
        // Given: a hostile file claiming 2^28 hashes in a tiny payload (checksum recomputed to look valid).
        byte[] bytes = Save(new HashBank("x"));
        int bankStart = 64 + 4 + 1;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(bankStart + 16), 1L << 28);

        // When / Then
        Should.Throw<BankFormatException>(() => Load(bytes)).Message.ShouldContain("truncated or corrupt");
    }

    [Fact]
    public void Read_OtherVersion_SaysSo()
    {
        byte[] bytes = Save(new HashBank("x"));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 99);
        Should.Throw<BankFormatException>(() => Load(bytes)).Message.ShouldContain("version 99");
    }

    [Fact]
    public void Load_File_MatchesInMemoryResult()
    {
        // Given
        string path = Path.Combine(Path.GetTempPath(), $"takedown-bank-{Guid.NewGuid():N}.tdbank");
        try
        {
            HashBankFile.Save(path, [SampleBank("ncii", 100, 31, 6)]);

            // When
            bool sniffed = HashBankFile.IsBankFile(path);
            List<HashBank> banks = HashBankFile.Load(path);

            // Then
            sniffed.ShouldBeTrue();
            banks.Single().Count.ShouldBe(100);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
