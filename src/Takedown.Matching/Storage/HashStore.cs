using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Storage;

/// <summary>
/// Hashes and ids in chunked columns: for each chunk of 65,536 positions, one array of the first 128 bits
/// (Word0, Word1 per entry), one of the last 128 bits (Word2, Word3) and one of ids: 40 bytes per entry.
/// </summary>
/// <remarks>
/// Scans read the first column and touch the rest only for the rare survivors of the 128-bit test.
/// Positions are stable until <see cref="Compact"/>. A removed entry keeps its position and has the id
/// <see cref="Removed"/>. Chunks are allocated on the pinned object heap so search code can prefetch by address.
/// </remarks>
internal sealed class HashStore
{
    public const int ChunkShift = 16;
    public const int ChunkSize = 1 << ChunkShift;
    public const int ChunkMask = ChunkSize - 1;

    /// <summary>The id of a removed entry.</summary>
    public const long Removed = long.MinValue;

    private const int FirstChunkCapacity = 1024;

    private ulong[][] _lo = [];
    private nint[] _loBases = [];
    private ulong[][] _hi = [];
    private long[][] _ids = [];
    private int _chunkCount;
    private int _collapsedChunks;
    private int _count;
    private int _removed;

    /// <summary>Positions in use, removed ones included.</summary>
    public int Count => _count;

    /// <summary>Removed positions not yet compacted away.</summary>
    public int RemovedCount => _removed;

    /// <summary>Live entries.</summary>
    public int LiveCount => _count - _removed;

    /// <summary>Chunks holding at least one position.</summary>
    public int ChunkCount => _chunkCount;

    /// <summary>Bytes held by the columns.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = 3L * IntPtr.Size * _lo.Length;
            for (int c = 0; c < _chunkCount; c++)
            {
                bytes += 8L * (_lo[c].Length + _hi[c].Length + _ids[c].Length);
            }

            return bytes;
        }
    }

    /// <summary>
    /// The address of each chunk's first-128-bit column, by chunk (valid until the store next grows, shrinks or
    /// compacts; chunks are pinned): random readers find a position's prefix with one load instead of two.
    /// </summary>
    public ReadOnlySpan<nint> LoBases => _loBases.AsSpan(0, _chunkCount);

    /// <summary>The first-128-bit column of chunk <paramref name="chunk"/> (two words per entry).</summary>
    public ulong[] LoChunk(int chunk) => _lo[chunk];

    /// <summary>The last-128-bit column of chunk <paramref name="chunk"/> (two words per entry).</summary>
    public ulong[] HiChunk(int chunk) => _hi[chunk];

    /// <summary>The id column of chunk <paramref name="chunk"/>.</summary>
    public long[] IdChunk(int chunk) => _ids[chunk];

    /// <summary>Number of positions used in chunk <paramref name="chunk"/>.</summary>
    public int ChunkLength(int chunk) => Math.Min(ChunkSize, _count - (chunk << ChunkShift));

    /// <summary>The hash at a position.</summary>
    public PdqHash GetHash(int position)
    {
        int c = position >> ChunkShift;
        int i = (position & ChunkMask) * 2;
        ulong[] lo = _lo[c];
        ulong[] hi = _hi[c];
        return new PdqHash(lo[i], lo[i + 1], hi[i], hi[i + 1]);
    }

    /// <summary>The id at a position (<see cref="Removed"/> once removed).</summary>
    public long GetId(int position) => _ids[position >> ChunkShift][position & ChunkMask];

    /// <summary>Word <paramref name="word"/> (0..3) of the hash at a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong GetWord(int position, int word)
    {
        ulong[] column = word < 2 ? _lo[position >> ChunkShift] : _hi[position >> ChunkShift];
        return column[((position & ChunkMask) * 2) + (word & 1)];
    }

    /// <summary>Appends an entry and returns its position.</summary>
    public int Append(PdqHash hash, long id)
    {
        if (id == Removed)
        {
            ThrowHelper.ThrowReservedId(nameof(id));
        }

        int position = _count;
        int c = position >> ChunkShift;
        int i = position & ChunkMask;
        if (c == _chunkCount || i >= _ids[c].Length)
        {
            Grow(c, i + 1);
        }

        ulong[] lo = _lo[c];
        ulong[] hi = _hi[c];
        lo[2 * i] = hash.Word0;
        lo[(2 * i) + 1] = hash.Word1;
        hi[2 * i] = hash.Word2;
        hi[(2 * i) + 1] = hash.Word3;
        _ids[c][i] = id;
        _count++;
        return position;
    }

    /// <summary>Marks a position removed. Returns false if it already was.</summary>
    public bool MarkRemoved(int position)
    {
        ref long id = ref _ids[position >> ChunkShift][position & ChunkMask];
        if (id == Removed)
        {
            return false;
        }

        id = Removed;
        _removed++;
        return true;
    }

    /// <summary>Makes room for <paramref name="additional"/> more entries in one go.</summary>
    public void EnsureCapacity(int additional)
    {
        long target = (long)_count + additional;
        if (target > int.MaxValue)
        {
            ThrowHelper.ThrowTooManyEntries();
        }

        int last = (int)((target - 1) >> ChunkShift);
        for (int c = _count >> ChunkShift; c <= last && additional > 0; c++)
        {
            int needed = c < last ? ChunkSize : (int)(((target - 1) & ChunkMask) + 1);
            if (c >= _chunkCount || _ids[c].Length < needed)
            {
                Grow(c, needed);
            }
        }
    }

    /// <summary>
    /// Backs the first-128-bit column of every full chunk with huge pages (see <see cref="HugePages"/>), for
    /// indexes that read it at random; chunks already done are skipped.
    /// </summary>
    public void UseHugePages()
    {
        int full = _count >> ChunkShift;
        for (int c = _collapsedChunks; c < full; c++)
        {
            HugePages.Collapse(_lo[c]);
        }

        _collapsedChunks = Math.Max(_collapsedChunks, full);
    }

    /// <summary>Drops removed entries, moving live ones down. Positions change.</summary>
    public void Compact()
    {
        if (_removed == 0)
        {
            return;
        }

        int write = 0;
        for (int read = 0; read < _count; read++)
        {
            int rc = read >> ChunkShift;
            int ri = read & ChunkMask;
            long id = _ids[rc][ri];
            if (id == Removed)
            {
                continue;
            }

            if (write != read)
            {
                int wc = write >> ChunkShift;
                int wi = write & ChunkMask;
                _lo[wc][2 * wi] = _lo[rc][2 * ri];
                _lo[wc][(2 * wi) + 1] = _lo[rc][(2 * ri) + 1];
                _hi[wc][2 * wi] = _hi[rc][2 * ri];
                _hi[wc][(2 * wi) + 1] = _hi[rc][(2 * ri) + 1];
                _ids[wc][wi] = id;
            }

            write++;
        }

        _count = write;
        _removed = 0;
        TrimExcess();
    }

    /// <summary>Releases unused capacity: whole chunks past the end and the tail of the last chunk.</summary>
    public void TrimExcess()
    {
        int used = (_count + ChunkMask) >> ChunkShift;
        for (int c = used; c < _chunkCount; c++)
        {
            _lo[c] = _hi[c] = [];
            _ids[c] = [];
            _loBases[c] = 0;
        }

        _chunkCount = used;
        if (used > 0)
        {
            int length = ChunkLength(used - 1);
            if (_ids[used - 1].Length != length)
            {
                Resize(used - 1, length);
            }
        }
    }

    private void Grow(int chunk, int needed)
    {
        if (chunk >= _lo.Length)
        {
            int tableLength = Math.Max(4, _lo.Length * 2);
            Array.Resize(ref _lo, tableLength);
            Array.Resize(ref _loBases, tableLength);
            Array.Resize(ref _hi, tableLength);
            Array.Resize(ref _ids, tableLength);
        }

        // The last chunk grows by doubling up to a full chunk, so a small store stays small.
        int current = chunk < _chunkCount ? _ids[chunk].Length : 0;
        int capacity = Math.Max(FirstChunkCapacity, current);
        while (capacity < needed)
        {
            capacity *= 2;
        }

        Resize(chunk, Math.Min(ChunkSize, capacity));
        for (int c = _chunkCount; c <= chunk; c++)
        {
            if (c < chunk)
            {
                Resize(c, ChunkSize);
            }
        }

        _chunkCount = Math.Max(_chunkCount, chunk + 1);
    }

    private unsafe void Resize(int chunk, int entries)
    {
        ulong[] lo = GC.AllocateUninitializedArray<ulong>(2 * entries, pinned: true);
        ulong[] hi = GC.AllocateUninitializedArray<ulong>(2 * entries, pinned: true);
        long[] ids = GC.AllocateUninitializedArray<long>(entries, pinned: true);
        if (chunk < _chunkCount && _ids[chunk] is { Length: > 0 } old)
        {
            int keep = Math.Min(old.Length, entries);
            _lo[chunk].AsSpan(0, 2 * keep).CopyTo(lo);
            _hi[chunk].AsSpan(0, 2 * keep).CopyTo(hi);
            old.AsSpan(0, keep).CopyTo(ids);
        }

        _lo[chunk] = lo;
        _hi[chunk] = hi;
        _ids[chunk] = ids;
        _loBases[chunk] = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(lo));
    }

    /// <summary>The address of the first-128-bit words of a position (chunks are pinned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe ulong* LoAddress(int position) =>
        (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_lo[position >> ChunkShift])) + ((position & ChunkMask) * 2);
}
