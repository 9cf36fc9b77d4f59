using Takedown.Hashing.Pdq;
using Takedown.Matching.Exact;

namespace Takedown.Matching.Banks;

/// <summary>
/// A named set of hashes with labels and its own match threshold: PDQ hashes matched by distance, and MD5/SHA-256
/// digests matched exactly. Saved and loaded with <see cref="HashBankFile"/>.
/// </summary>
public sealed class HashBank
{
    /// <summary>The PDQ threshold HMA and ThreatExchange use: distance 31 or less matches.</summary>
    public const int DefaultThreshold = 31;

    private readonly LabelTable _labels;
    private PdqHash[] _hashes;
    private int[] _hashLabels;
    private int _count;
    private readonly List<(ExactHash Hash, int Label)> _exact = [];

    /// <summary>Creates an empty bank.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is outside 0..256.</exception>
    public HashBank(string name, int threshold = DefaultThreshold)
        : this(name, threshold, new LabelTable(), [], [], 0)
    {
    }

    internal HashBank(string name, int threshold, LabelTable labels, PdqHash[] hashes, int[] hashLabels, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, PdqHash.BitCount);
        Name = name;
        Threshold = threshold;
        _labels = labels;
        _hashes = hashes;
        _hashLabels = hashLabels;
        _count = count;
    }

    /// <summary>The bank's name.</summary>
    public string Name { get; }

    /// <summary>The largest PDQ distance that counts as a match for this bank.</summary>
    public int Threshold { get; }

    /// <summary>Number of PDQ hashes.</summary>
    public int Count => _count;

    /// <summary>Number of exact (MD5/SHA-256) hashes.</summary>
    public int ExactCount => _exact.Count;

    /// <summary>The PDQ hashes, in the order added.</summary>
    public ReadOnlySpan<PdqHash> Hashes => _hashes.AsSpan(0, _count);

    internal LabelTable Labels => _labels;

    internal ReadOnlySpan<int> HashLabels => _hashLabels.AsSpan(0, _count);

    internal List<(ExactHash Hash, int Label)> ExactEntries => _exact;

    /// <summary>Entry <paramref name="index"/>.</summary>
    public BankEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return new BankEntry(_hashes[index], _labels[_hashLabels[index]]);
        }
    }

    /// <summary>The label of PDQ entry <paramref name="index"/>.</summary>
    public string GetLabel(int index) => _labels[_hashLabels[index]];

    /// <summary>Adds a PDQ hash.</summary>
    public void Add(PdqHash hash, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_count == _hashes.Length)
        {
            int size = Math.Max(16, _hashes.Length * 2);
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _hashLabels, size);
        }

        _hashes[_count] = hash;
        _hashLabels[_count] = _labels.GetOrAdd(label);
        _count++;
    }

    /// <summary>Adds an MD5 or SHA-256 digest.</summary>
    public void AddExact(ExactHash hash, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        _exact.Add((hash, _labels.GetOrAdd(label)));
    }

    /// <summary>Exact entry <paramref name="index"/>.</summary>
    public (ExactHash Hash, string Label) GetExact(int index) => (_exact[index].Hash, _labels[_exact[index].Label]);
}
