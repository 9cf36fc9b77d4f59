namespace Takedown.Hashing.Video;

/// <summary>A video could not be decoded or hashed; <see cref="Reason"/> says why.</summary>
public sealed class VideoDecodeException : Exception
{
    /// <summary>Creates an exception for a decode failure.</summary>
    public VideoDecodeException()
        : this(VideoDecodeError.DecodeFailed, "The video could not be decoded.")
    {
    }

    /// <summary>Creates an exception for a decode failure with a message.</summary>
    public VideoDecodeException(string message)
        : this(VideoDecodeError.DecodeFailed, message)
    {
    }

    /// <summary>Creates an exception for a decode failure with a message and a cause.</summary>
    public VideoDecodeException(string message, Exception innerException)
        : this(VideoDecodeError.DecodeFailed, message, innerException)
    {
    }

    /// <summary>Creates an exception with a reason and a message.</summary>
    public VideoDecodeException(VideoDecodeError reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why decoding failed.</summary>
    public VideoDecodeError Reason { get; }
}
