using System.Text;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;

namespace Takedown.Data.Sql;

/// <summary>
/// The entries of one bulk import held compactly (each record key <c>&lt;kind&gt;:&lt;value&gt;</c> as UTF-8 in a
/// chunked byte arena, labels interned), then sorted by key in UTF-8 byte order with the last line of each key kept.
/// UTF-8 byte order is SQLite's <c>BINARY</c> collation and PostgreSQL's <c>C</c> order, so the rows reach the unique
/// key index and the signal value index in index order (B-tree appends) and neither database has to sort them: the
/// database-side sort of a million keys was most of the import's time. About 90 bytes per PDQ line.
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

        string kind = SignalTypes.ShortName(entry.Kind);
        int length = Encoding.UTF8.GetByteCount(kind) + 1 + Encoding.UTF8.GetByteCount(entry.Value);
        if (length > ChunkBytes - _used)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, length)]);
            _used = 0;
        }

        Span<byte> target = _chunks[^1].AsSpan(_used, length);
        int written = Encoding.UTF8.GetBytes(kind, target);
        target[written++] = (byte)':';
        Encoding.UTF8.GetBytes(entry.Value, target[written..]);
        if (_count == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[_count] = new Slot(_chunks.Count - 1, _used, length, LabelId(entry.Label), _count);
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
        Array.Sort(_slots, 0, _count, new SlotComparer(_chunks));
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            // Equal keys sort by line order, so the last of a run is the line that wins.
            if (i + 1 < _count && KeyOf(_slots[i]).SequenceEqual(KeyOf(_slots[i + 1])))
            {
                continue;
            }

            _slots[kept++] = _slots[i];
        }

        _count = kept;
    }

    /// <summary>The record key of entry <paramref name="index"/>, UTF-8.</summary>
    public ReadOnlySpan<byte> Key(int index) => KeyOf(At(index));

    /// <summary>The record key of entry <paramref name="index"/>.</summary>
    public string KeyString(int index) => Encoding.UTF8.GetString(Key(index));

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

    /// <summary>One entry: where its key bytes are, its label id (-1: none) and its line order.</summary>
    private readonly record struct Slot(int Chunk, int Offset, int Length, int Label, int Order);

    private sealed class SlotComparer(List<byte[]> chunks) : IComparer<Slot>
    {
        public int Compare(Slot x, Slot y)
        {
            int byKey = chunks[x.Chunk].AsSpan(x.Offset, x.Length).SequenceCompareTo(chunks[y.Chunk].AsSpan(y.Offset, y.Length));
            return byKey != 0 ? byKey : x.Order.CompareTo(y.Order);
        }
    }
}
