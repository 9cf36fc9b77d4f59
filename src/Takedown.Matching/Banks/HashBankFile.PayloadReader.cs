using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Takedown.Matching.Banks;

public static partial class HashBankFile
{
    /// <summary>Reads the payload, never past its declared length, feeding every byte to the checksum.</summary>
    private sealed class PayloadReader(Stream stream, long length)
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Remaining { get; private set; } = length;

        /// <summary>Fails unless <paramref name="bytes"/> more bytes remain (negative means the count itself is bad).</summary>
        public void Require(long bytes, string what)
        {
            if (bytes < 0 || bytes > Remaining)
            {
                throw new BankFormatException($"The bank file is truncated or corrupt: {what} run past the end of the data.");
            }
        }

        public void ReadExactly(Span<byte> destination)
        {
            Require(destination.Length, "a field");

            // Big arrays are read in 16 MB pieces so the checksum runs while the data is still in cache.
            const int Piece = 16 << 20;
            for (int at = 0; at < destination.Length; at += Piece)
            {
                Span<byte> piece = destination.Slice(at, Math.Min(Piece, destination.Length - at));
                try
                {
                    stream.ReadExactly(piece);
                }
                catch (EndOfStreamException e)
                {
                    throw new BankFormatException("The bank file is truncated.", e);
                }

                _sha.AppendData(piece);
            }

            Remaining -= destination.Length;
        }

        public int ReadInt32()
        {
            Span<byte> bytes = stackalloc byte[4];
            ReadExactly(bytes);
            return BinaryPrimitives.ReadInt32LittleEndian(bytes);
        }

        public string ReadUtf8(int length, string what)
        {
            Require(length, what);
            byte[] bytes = new byte[length];
            ReadExactly(bytes);
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new BankFormatException($"The bank file is corrupt: {what} is not valid UTF-8.", e);
            }
        }

        public byte[] FinishChecksum()
        {
            byte[] hash = _sha.GetHashAndReset();
            _sha.Dispose();
            return hash;
        }
    }
}
