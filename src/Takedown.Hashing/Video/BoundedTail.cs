using System.Text;

namespace Takedown.Hashing.Video;

/// <summary>Keeps the last <c>capacity</c> bytes written to it (the tail of a process's error output).</summary>
internal sealed class BoundedTail
{
    private readonly byte[] _buffer;
    private readonly Lock _lock = new();
    private long _written;

    public BoundedTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = new byte[capacity];
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (data.Length >= _buffer.Length)
            {
                // Keep the last capacity bytes at offset 0 and round the count up to a multiple of the capacity,
                // so the next write and ToString start at offset 0.
                data[^_buffer.Length..].CopyTo(_buffer);
                _written = (((_written + data.Length) / _buffer.Length) + 1) * _buffer.Length;
                return;
            }

            int start = (int)(_written % _buffer.Length);
            int first = Math.Min(data.Length, _buffer.Length - start);
            data[..first].CopyTo(_buffer.AsSpan(start));
            data[first..].CopyTo(_buffer);
            _written += data.Length;
        }
    }

    /// <summary>The kept bytes as UTF-8 text, trimmed; prefixed with "…" when older output was dropped.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            if (_written <= _buffer.Length)
            {
                return Encoding.UTF8.GetString(_buffer, 0, (int)_written).Trim();
            }

            int start = (int)(_written % _buffer.Length);
            byte[] ordered = [.. _buffer.AsSpan(start), .. _buffer.AsSpan(0, start)];
            return "…" + Encoding.UTF8.GetString(ordered).Trim();
        }
    }
}
