using System.Buffers;
using System.Runtime.CompilerServices;

namespace Takedown.Matching.MultiIndex;

/// <summary>A growable list of candidate positions, backed by a pooled array.</summary>
internal sealed class CandidateBuffer : IDisposable
{
    private int[] _items = ArrayPool<int>.Shared.Rent(4096);

    public int Count { get; private set; }

    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    /// <summary>The backing array (valid until the next add or <see cref="Dispose"/>); the first <see cref="Count"/> items are used.</summary>
    public int[] Array => _items;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int position)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items[Count++] = position;
    }

    /// <summary>Makes room for <paramref name="additional"/> more items, so the next adds do not grow the buffer.</summary>
    public void EnsureCapacity(int additional)
    {
        if (Count + additional > _items.Length)
        {
            Grow(Count + additional);
        }
    }

    /// <summary>Makes room for <paramref name="additional"/> items and returns the span to write them to.</summary>
    public Span<int> Reserve(int additional)
    {
        if (Count + additional > _items.Length)
        {
            Grow(Count + additional);
        }

        Span<int> span = _items.AsSpan(Count, additional);
        Count += additional;
        return span;
    }

    public void Clear() => Count = 0;

    /// <summary>Swaps a backing array longer than <paramref name="capacity"/> for a fresh, smaller one (when empty).</summary>
    public void TrimTo(int capacity)
    {
        if (Count == 0 && _items.Length > capacity)
        {
            ArrayPool<int>.Shared.Return(_items);
            _items = ArrayPool<int>.Shared.Rent(4096);
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_items);
        _items = [];
    }

    private void Grow(int needed)
    {
        int[] bigger = ArrayPool<int>.Shared.Rent(Math.Max(needed, _items.Length * 2));
        _items.AsSpan(0, Count).CopyTo(bigger);
        ArrayPool<int>.Shared.Return(_items);
        _items = bigger;
    }
}
