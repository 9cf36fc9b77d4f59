using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// The mutable part of a multi-index: positions added since the last segment was built, kept in 16 tables of
/// singly linked bucket lists (a head per bucket, a next link per entry and slot). Adding is O(16).
/// </summary>
internal sealed class MihDelta
{
    private const int End = -1;

    private readonly int[] _heads = new int[Slots.Count * Slots.Buckets];
    private int[] _next = [];

    public MihDelta(int start)
    {
        Reset(start);
    }

    /// <summary>First store position covered.</summary>
    public int Start { get; private set; }

    /// <summary>Number of positions covered.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held.</summary>
    public long MemoryBytes => 4L * (_heads.Length + _next.Length);

    /// <summary>Empties the delta; it then covers positions from <paramref name="start"/> on.</summary>
    public void Reset(int start)
    {
        Array.Fill(_heads, End);
        _next = [];
        Start = start;
        Count = 0;
    }

    /// <summary>Adds the entry at <paramref name="position"/>, which must be <see cref="Start"/> + <see cref="Count"/>.</summary>
    public void Add(HashStore store, int position)
    {
        int index = position - Start;
        if ((index + 1) * Slots.Count > _next.Length)
        {
            Array.Resize(ref _next, Math.Max(1024 * Slots.Count, _next.Length * 2));
        }

        Span<ulong> words = stackalloc ulong[4];
        store.GetHash(position).CopyTo(words);
        for (int table = 0; table < Slots.Count; table++)
        {
            int head = (table * Slots.Buckets) + Slots.Key(words, table);
            _next[(index * Slots.Count) + table] = _heads[head];
            _heads[head] = index;
        }

        Count++;
    }

    /// <summary>Appends every position whose slot <paramref name="table"/> is <paramref name="key"/> XOR one of <paramref name="masks"/>.</summary>
    public void Gather(int table, int key, ReadOnlySpan<ushort> masks, CandidateBuffer candidates)
    {
        if (Count == 0)
        {
            return;
        }

        int[] heads = _heads;
        int[] next = _next;
        int offset = table * Slots.Buckets;
        foreach (ushort mask in masks)
        {
            for (int index = heads[offset + (key ^ mask)]; index != End; index = next[(index * Slots.Count) + table])
            {
                candidates.Add(Start + index);
            }
        }
    }
}
