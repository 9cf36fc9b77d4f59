using System.Buffers.Binary;
using System.Text;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;

namespace Takedown.Data.Sql;

/// <summary>
/// The entries of one bulk import held compactly (each record key in its stored form, <see cref="SignalCodec"/>: a
/// tag byte and the raw hash, 33 bytes for a PDQ line, or the tag and the UTF-8 key <c>&lt;kind&gt;:&lt;value&gt;</c> for
/// other kinds; in a chunked byte arena, labels interned), then sorted by those bytes with the last line of each key
/// kept. Byte order is how SQLite compares BLOBs and PostgreSQL <c>bytea</c>, so the rows reach the unique key index
/// and the signal hash index in index order (B-tree appends) and neither database has to sort them.
/// </summary>
internal sealed class ImportBuffer
{
    private const int ChunkBytes = 1 << 20;

    private readonly List<byte[]> _chunks = [];
    private readonly Dictionary<string, int> _labelIds = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];
    private Slot[] _slots = new Slot[1024];
    private int _used = ChunkBytes;
    private int _count;
    private bool _sorted;

    /// <summary>The number of entries: after <see cref="SortAndDeduplicate"/>, the number of distinct keys.</summary>
    public int Count => _count;

    /// <summary>Reads every entry of <paramref name="entries"/> (a failing reader fails here, before any write).</summary>
    public static ImportBuffer Read(IEnumerable<HashListEntry> entries, CancellationToken cancellationToken)
    {
        var buffer = new ImportBuffer();
        foreach (HashListEntry entry in entries)
        {
            if ((buffer._count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            buffer.Add(entry);
        }

        buffer.SortAndDeduplicate();
        return buffer;
    }

    /// <summary>Appends one entry (its key is <see cref="HashListEntry.Key"/>, encoded without building the string).</summary>
    public void Add(HashListEntry entry)
    {
        if (_sorted)
        {
            throw new InvalidOperationException("The buffer is already sorted.");
        }

        int length = SignalCodec.HashKeyLength(entry.Kind, entry.Value);
        string? kind = null;
        if (length == 0)
        {
            kind = SignalTypes.ShortName(entry.Kind);
            length = 1 + Encoding.UTF8.GetByteCount(kind) + 1 + Encoding.UTF8.GetByteCount(entry.Value);
        }

        if (length > ChunkBytes - _used)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, length)]);
            _used = 0;
        }

        Span<byte> target = _chunks[^1].AsSpan(_used, length);
        if (kind is null)
        {
            SignalCodec.TryEncodeHashKey(entry.Kind, entry.Value, target, out length);
        }
        else
        {
            target[0] = SignalCodec.TextTag;
            int written = 1 + Encoding.UTF8.GetBytes(kind, target[1..]);
            target[written++] = (byte)':';
            Encoding.UTF8.GetBytes(entry.Value, target[written..]);
        }

        if (_count == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[_count] = new Slot(Prefix(target[..length]), _chunks.Count - 1, _used, length, LabelId(entry.Label), _count);
        _used += length;
        _count++;
    }

    /// <summary>Sorts by key (UTF-8 bytes) and keeps, of each key, the entry read last.</summary>
    public void SortAndDeduplicate()
    {
        if (_sorted)
        {
            return;
        }

        _sorted = true;
        _slots.AsSpan(0, _count).Sort(new SlotComparer(_chunks));
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            // Equal keys sort by line order, so the last of a run is the line that wins.
            if (i + 1 < _count && _slots[i].Prefix == _slots[i + 1].Prefix && KeyOf(_slots[i]).SequenceEqual(KeyOf(_slots[i + 1])))
            {
                continue;
            }

            _slots[kept++] = _slots[i];
        }

        _count = kept;
    }

    /// <summary>The stored record key of entry <paramref name="index"/> (<see cref="SignalCodec.EncodeKey"/>).</summary>
    public ReadOnlySpan<byte> Key(int index) => KeyOf(At(index));

    /// <summary>The stored record key of entry <paramref name="index"/> as memory (for a <c>COPY</c> writer).</summary>
    public ReadOnlyMemory<byte> KeyMemory(int index)
    {
        ref readonly Slot slot = ref At(index);
        return _chunks[slot.Chunk].AsMemory(slot.Offset, slot.Length);
    }

    /// <summary>The record key of entry <paramref name="index"/> as text (<c>&lt;kind&gt;:&lt;value&gt;</c>).</summary>
    public string KeyString(int index) => SignalCodec.DecodeKey(Key(index));

    /// <summary>The label of entry <paramref name="index"/> (the same string instance for equal labels).</summary>
    public string? Label(int index)
    {
        int label = At(index).Label;
        return label < 0 ? null : _labels[label];
    }

    private ref readonly Slot At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return ref _slots[index];
    }

    private ReadOnlySpan<byte> KeyOf(in Slot slot) => _chunks[slot.Chunk].AsSpan(slot.Offset, slot.Length);

    private int LabelId(string? label)
    {
        if (label is null)
        {
            return -1;
        }

        if (!_labelIds.TryGetValue(label, out int id))
        {
            id = _labels.Count;
            _labels.Add(label);
            _labelIds.Add(label, id);
        }

        return id;
    }

    /// <summary>
    /// The first eight bytes of a key as a big-endian number, zero-padded: two keys whose prefixes differ compare as
    /// their prefixes do (a shorter key padded with zeros never sorts after a longer one it begins), so most
    /// comparisons of random hashes end on one integer comparison.
    /// </summary>
    private static ulong Prefix(ReadOnlySpan<byte> key)
    {
        if (key.Length >= sizeof(ulong))
        {
            return BinaryPrimitives.ReadUInt64BigEndian(key);
        }

        Span<byte> padded = stackalloc byte[sizeof(ulong)];
        padded.Clear();
        key.CopyTo(padded);
        return BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    /// <summary>One entry: its key's prefix, where its key bytes are, its label id (-1: none) and its line order.</summary>
    private readonly record struct Slot(ulong Prefix, int Chunk, int Offset, int Length, int Label, int Order);

    /// <summary>Key bytes, then line order; a struct so that the sort specializes on it (no interface call per comparison).</summary>
    private readonly struct SlotComparer(List<byte[]> chunks) : IComparer<Slot>
    {
        public int Compare(Slot x, Slot y)
        {
            if (x.Prefix != y.Prefix)
            {
                return x.Prefix < y.Prefix ? -1 : 1;
            }

            int byKey = chunks[x.Chunk].AsSpan(x.Offset, x.Length).SequenceCompareTo(chunks[y.Chunk].AsSpan(y.Offset, y.Length));
            return byKey != 0 ? byKey : x.Order.CompareTo(y.Order);
        }
    }
}
