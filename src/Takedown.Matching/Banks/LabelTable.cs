using System.Text;

namespace Takedown.Matching.Banks;

/// <summary>Distinct labels stored once as UTF-8, decoded on demand (a 10M-entry bank loads without 10M strings).</summary>
internal sealed class LabelTable
{
    private byte[] _bytes;
    private int[] _offsets;
    private int _count;
    private int _length;
    private Dictionary<string, int>? _lookup;

    public LabelTable()
    {
        _bytes = new byte[256];
        _offsets = new int[17];
    }

    /// <summary>Wraps loaded data: <paramref name="offsets"/> has <paramref name="count"/> + 1 entries.</summary>
    public LabelTable(byte[] bytes, int[] offsets, int count)
    {
        _bytes = bytes;
        _offsets = offsets;
        _count = count;
        _length = offsets[count];
    }

    public int Count => _count;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, _count + 1);

    public string this[int index] => Encoding.UTF8.GetString(_bytes, _offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The index of <paramref name="label"/>, adding it if new.</summary>
    public int GetOrAdd(string label)
    {
        if (_lookup is null)
        {
            _lookup = new Dictionary<string, int>(_count, StringComparer.Ordinal);
            for (int i = 0; i < _count; i++)
            {
                _lookup[this[i]] = i;
            }
        }

        if (_lookup.TryGetValue(label, out int index))
        {
            return index;
        }

        int size = Encoding.UTF8.GetByteCount(label);
        if (_length + size > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_length + size, _bytes.Length * 2));
        }

        if (_count + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        Encoding.UTF8.GetBytes(label, _bytes.AsSpan(_length));
        _length += size;
        _offsets[_count + 1] = _length;
        _lookup[label] = _count;
        return _count++;
    }
}
