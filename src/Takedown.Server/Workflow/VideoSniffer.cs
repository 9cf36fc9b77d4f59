using System.Buffers.Binary;

namespace Takedown.Server.Workflow;

/// <summary>
/// Recognises video containers by their first bytes (never by a client's claim): ISO-BMFF (MP4, MOV, 3GP: an
/// <c>ftyp</c> box, or a QuickTime file opening with <c>moov</c>/<c>mdat</c>/<c>wide</c>/<c>free</c>), Matroska/WebM
/// (EBML), AVI (RIFF), MPEG transport streams (sync byte every 188 bytes), MPEG program streams, FLV, ASF/WMV and
/// Ogg. HEIF/AVIF still images share ISO-BMFF and are left to the image decoder.
/// </summary>
internal static class VideoSniffer
{
    private const int TsPacket = 188;

    /// <summary>Whether the bytes start like a video container.</summary>
    public static bool IsVideo(ReadOnlySpan<byte> media)
    {
        if (media.Length < 12)
        {
            return false;
        }

        ReadOnlySpan<byte> box = media.Slice(4, 4);
        if (box.SequenceEqual("ftyp"u8))
        {
            return !IsStillImageBrand(media.Slice(8, 4));
        }

        if (box.SequenceEqual("moov"u8) || box.SequenceEqual("mdat"u8) || box.SequenceEqual("wide"u8) || box.SequenceEqual("free"u8))
        {
            // A bare QuickTime file: the first box's size must be plausible (at least its 8-byte header).
            return BinaryPrimitives.ReadUInt32BigEndian(media) is 1 or >= 8;
        }

        return media.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) // EBML: Matroska, WebM
            || (media.StartsWith("RIFF"u8) && media.Slice(8, 4).SequenceEqual("AVI "u8))
            || media.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA]) // MPEG program stream pack header
            || media.StartsWith("FLV\x01"u8)
            || media.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) // ASF (WMV)
            || media.StartsWith("OggS"u8)
            || IsTransportStream(media);
    }

    private static bool IsStillImageBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) ||
        brand.SequenceEqual("avif"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) ||
        brand.SequenceEqual("jpeg"u8);

    /// <summary>An MPEG-TS stream: the 0x47 sync byte at the start of (up to) the first four packets.</summary>
    private static bool IsTransportStream(ReadOnlySpan<byte> media)
    {
        if (media[0] != 0x47 || media.Length < 2 * TsPacket)
        {
            return false;
        }

        int packets = Math.Min(4, media.Length / TsPacket);
        for (int i = 1; i < packets; i++)
        {
            if (media[i * TsPacket] != 0x47)
            {
                return false;
            }
        }

        return true;
    }
}
