namespace Takedown.Hashing.Video;

/// <summary>The reference's frame sampling arithmetic (<c>vpdq/cpp/hashing/filehasher.cpp</c>).</summary>
public static class VpdqSampling
{
    /// <summary>
    /// Frames between hashed frames: <c>(int)(secondsPerHash * frameRate)</c>, forced to 1 when that is 0
    /// (so 0 seconds per hash hashes every frame, and 29.97 frames/s at 1 s per hash gives 29).
    /// </summary>
    public static int FrameModulus(double secondsPerHash, double frameRate)
    {
        double product = secondsPerHash * frameRate;
        if (!(product >= 1))
        {
            return 1;
        }

        return product >= int.MaxValue ? int.MaxValue : (int)product;
    }

    /// <summary>Whether frame <paramref name="frameNumber"/> is hashed: <c>frameNumber % frameModulus == 0</c>.</summary>
    public static bool IsHashed(int frameNumber, int frameModulus) => frameNumber % frameModulus == 0;

    /// <summary>The nominal timestamp <c>(float)frameNumber / (float)frameRate</c>, in single precision as the reference.</summary>
    public static float Timestamp(int frameNumber, double frameRate) => (float)frameNumber / (float)frameRate;
}
