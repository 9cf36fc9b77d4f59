using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Takedown.Hashing.Pdq;
using Takedown.Matching.Exact;

namespace Takedown.Matching.Banks;

/// <summary>
/// The compact bank file: a 64-byte header (magic <c>TKDNBANK</c>, version, bank count, payload length and the
/// SHA-256 of the payload), then per bank its name, threshold, labels (UTF-8 blob and offsets), PDQ hashes
/// (32 bytes each, little-endian words), label indexes, and exact digests. All integers are little-endian.
/// </summary>
/// <remarks>
/// Loading streams the big arrays straight into place (a 10M-hash bank is about 360 MB and loads in well
/// under 2 s). Every count is checked against the bytes that remain before anything is allocated, every index
/// is range-checked, and the checksum is compared at the end, so a hostile or damaged file gives a
/// <see cref="BankFormatException"/> rather than a crash or a huge allocation.
/// </remarks>
public static partial class HashBankFile
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The first eight bytes of every bank file.</summary>
    public static ReadOnlySpan<byte> Magic => "TKDNBANK"u8;

    private const int HeaderSize = 64;
    private const int MaxBanks = 4096;
    private const int MaxNameBytes = 1024;
    private const int ExactEntrySize = 1 + 32 + 4;

    /// <summary>Whether <paramref name="path"/> starts with the bank file magic.</summary>
    public static bool IsBankFile(string path)
    {
        Span<byte> start = stackalloc byte[8];
        using FileStream file = File.OpenRead(path);
        return file.ReadAtLeast(start, 8, throwOnEndOfStream: false) == 8 && start.SequenceEqual(Magic);
    }

    /// <summary>Writes <paramref name="banks"/> to a file (replacing it).</summary>
    public static void Save(string path, IReadOnlyList<HashBank> banks)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        Write(file, banks);
    }

    /// <summary>Writes <paramref name="banks"/> to a seekable stream.</summary>
    public static void Write(Stream stream, IReadOnlyList<HashBank> banks)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(banks);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The bank file stream must be seekable.", nameof(stream));
        }

        long headerAt = stream.Position;
        stream.Write(new byte[HeaderSize]);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        void Put(ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            sha.AppendData(bytes);
            length += bytes.Length;
        }

        Span<byte> scratch = stackalloc byte[40];
        foreach (HashBank bank in banks)
        {
            byte[] name = Encoding.UTF8.GetBytes(bank.Name);
            BinaryPrimitives.WriteInt32LittleEndian(scratch, name.Length);
            Put(scratch[..4]);
            Put(name);
            BinaryPrimitives.WriteInt32LittleEndian(scratch, bank.Threshold);
            BinaryPrimitives.WriteInt32LittleEndian(scratch[4..], bank.Labels.Count);
            BinaryPrimitives.WriteInt64LittleEndian(scratch[8..], bank.Labels.Bytes.Length);
            BinaryPrimitives.WriteInt64LittleEndian(scratch[16..], bank.Count);
            BinaryPrimitives.WriteInt64LittleEndian(scratch[24..], bank.ExactCount);
            Put(scratch[..32]);
            Put(MemoryMarshal.AsBytes(bank.Labels.Offsets));
            Put(bank.Labels.Bytes);
            Put(MemoryMarshal.AsBytes(bank.Hashes));
            Put(MemoryMarshal.AsBytes(bank.HashLabels));
            foreach ((ExactHash hash, int label) in bank.ExactEntries)
            {
                scratch[..ExactEntrySize].Clear();
                scratch[0] = (byte)hash.Algorithm;
                hash.CopyTo(scratch[1..]);
                BinaryPrimitives.WriteInt32LittleEndian(scratch[33..], label);
                Put(scratch[..ExactEntrySize]);
            }
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], banks.Count);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], length);
        sha.GetHashAndReset().CopyTo(header[32..]);
        long end = stream.Position;
        stream.Position = headerAt;
        stream.Write(header);
        stream.Position = end;
        stream.Flush();
    }

    /// <summary>Loads every bank in a bank file.</summary>
    /// <exception cref="BankFormatException">The file is not a valid bank file.</exception>
    public static List<HashBank> Load(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(file);
    }

    /// <summary>Reads every bank from a stream positioned at the header.</summary>
    /// <exception cref="BankFormatException">The data is not a valid bank file.</exception>
    public static List<HashBank> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderSize];
        int got = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        if (got < 8 || !header[..8].SequenceEqual(Magic))
        {
            throw new BankFormatException("Not a Takedown bank file (the first bytes are not TKDNBANK).");
        }

        if (got < HeaderSize)
        {
            throw new BankFormatException("The bank file is truncated: its header is incomplete.");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version != Version)
        {
            throw new BankFormatException($"Unsupported bank file version {version}; this build reads version {Version}.");
        }

        int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        int bankCount = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        uint reserved = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        long payload = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        if (headerSize != HeaderSize || flags != 0 || reserved != 0 || bankCount is < 0 or > MaxBanks || payload < 0)
        {
            throw new BankFormatException("The bank file header is corrupt.");
        }

        if (stream.CanSeek && stream.Length - stream.Position != payload)
        {
            throw new BankFormatException(stream.Length - stream.Position < payload
                ? $"The bank file is truncated: {payload} bytes of data expected, {stream.Length - stream.Position} found."
                : "The bank file has unexpected bytes after its data.");
        }

        var reader = new PayloadReader(stream, payload);
        var banks = new List<HashBank>(bankCount);
        for (int b = 0; b < bankCount; b++)
        {
            banks.Add(ReadBank(reader, b));
        }

        if (reader.Remaining != 0)
        {
            throw new BankFormatException("The bank file has unexpected bytes after its last bank.");
        }

        if (!reader.FinishChecksum().AsSpan().SequenceEqual(header.Slice(32, 32)))
        {
            throw new BankFormatException("The bank file is corrupt: its checksum does not match its contents.");
        }

        return banks;
    }

    private static HashBank ReadBank(PayloadReader reader, int index)
    {
        int nameBytes = reader.ReadInt32();
        if (nameBytes is <= 0 or > MaxNameBytes)
        {
            throw new BankFormatException($"Bank {index}: the name length {nameBytes} is invalid.");
        }

        string name = reader.ReadUtf8(nameBytes, $"bank {index} name");
        Span<byte> fields = stackalloc byte[32];
        reader.ReadExactly(fields);
        int threshold = BinaryPrimitives.ReadInt32LittleEndian(fields);
        int labelCount = BinaryPrimitives.ReadInt32LittleEndian(fields[4..]);
        long labelBytes = BinaryPrimitives.ReadInt64LittleEndian(fields[8..]);
        long pdqCount = BinaryPrimitives.ReadInt64LittleEndian(fields[16..]);
        long exactCount = BinaryPrimitives.ReadInt64LittleEndian(fields[24..]);
        if (threshold is < 0 or > PdqHash.BitCount)
        {
            throw new BankFormatException($"The bank file is corrupt: bank '{name}' has threshold {threshold}, outside 0..256.");
        }

        // Every count must fit in the bytes that remain before anything is allocated for it.
        reader.Require(labelCount < 0 ? -1 : 4L * (labelCount + 1L), $"bank '{name}' label offsets");
        var offsets = new int[labelCount + 1];
        reader.ReadExactly(MemoryMarshal.AsBytes(offsets.AsSpan()));
        if (offsets[0] != 0 || offsets[labelCount] != labelBytes || labelBytes > int.MaxValue)
        {
            throw new BankFormatException($"Bank '{name}': the label table is corrupt.");
        }

        for (int i = 0; i < labelCount; i++)
        {
            if (offsets[i + 1] < offsets[i])
            {
                throw new BankFormatException($"Bank '{name}': the label table is corrupt.");
            }
        }

        reader.Require(labelBytes, $"bank '{name}' labels");
        byte[] labels = GC.AllocateUninitializedArray<byte>((int)labelBytes);
        reader.ReadExactly(labels);
        if (!System.Text.Unicode.Utf8.IsValid(labels))
        {
            throw new BankFormatException($"The bank file is corrupt: a label of bank '{name}' is not valid UTF-8.");
        }

        if (pdqCount is < 0 or > int.MaxValue / 2 || exactCount is < 0 or > int.MaxValue / 2)
        {
            throw new BankFormatException($"Bank '{name}': the entry counts are corrupt.");
        }

        reader.Require(pdqCount * (PdqHash.ByteCount + 4) + (exactCount * ExactEntrySize), $"bank '{name}' entries");
        var hashes = GC.AllocateUninitializedArray<PdqHash>((int)pdqCount);
        reader.ReadExactly(MemoryMarshal.AsBytes(hashes.AsSpan()));
        var hashLabels = GC.AllocateUninitializedArray<int>((int)pdqCount);
        reader.ReadExactly(MemoryMarshal.AsBytes(hashLabels.AsSpan()));
        CheckLabels(hashLabels, labelCount, name);

        var bank = new HashBank(name, threshold, new LabelTable(labels, offsets, labelCount), hashes, hashLabels, (int)pdqCount);
        Span<byte> exact = stackalloc byte[ExactEntrySize];
        for (long i = 0; i < exactCount; i++)
        {
            reader.ReadExactly(exact);
            var algorithm = (ExactHashAlgorithm)exact[0];
            int label = BinaryPrimitives.ReadInt32LittleEndian(exact[33..]);
            if (algorithm is not (ExactHashAlgorithm.Md5 or ExactHashAlgorithm.Sha256) || (uint)label >= (uint)labelCount)
            {
                throw new BankFormatException($"The bank file is corrupt: bank '{name}' exact entry {i} is invalid.");
            }

            bank.ExactEntries.Add((ExactHash.Create(algorithm, exact.Slice(1, ExactHash.LengthOf(algorithm))), label));
        }

        return bank;
    }

    private static void CheckLabels(ReadOnlySpan<int> hashLabels, int labelCount, string name)
    {
        for (int i = 0; i < hashLabels.Length; i++)
        {
            if ((uint)hashLabels[i] >= (uint)labelCount)
            {
                throw new BankFormatException($"The bank file is corrupt: bank '{name}' entry {i} refers to label {hashLabels[i]}, but there are {labelCount}.");
            }
        }
    }
}
