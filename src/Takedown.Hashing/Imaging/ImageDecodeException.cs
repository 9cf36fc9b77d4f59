namespace Takedown.Hashing.Imaging;

/// <summary>An input could not be decoded as an image. The message names the input and the reason.</summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates an exception without details (for serializers and tooling).</summary>
    public ImageDecodeException()
        : this(ImageDecodeError.Corrupt, null, "The image could not be decoded.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ImageDecodeException(string message)
        : this(ImageDecodeError.Corrupt, null, message)
    {
    }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public ImageDecodeException(string message, Exception innerException)
        : this(ImageDecodeError.Corrupt, null, message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="source"/> (a path or a name such as <c>-</c>).</summary>
    /// <param name="error">The category of failure.</param>
    /// <param name="source">The file path or input name, or <see langword="null"/>.</param>
    /// <param name="reason">A short human-readable reason, without the source.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ImageDecodeException(ImageDecodeError error, string? source, string reason, Exception? innerException = null)
        : base(source is null ? reason : $"{source}: {reason}", innerException)
    {
        Error = error;
        InputName = source;
        Reason = reason;
    }

    /// <summary>The category of failure.</summary>
    public ImageDecodeError Error { get; }

    /// <summary>The file path or input name, if known.</summary>
    public string? InputName { get; }

    /// <summary>The reason, without the source (what the CLI prints after <c>PATH: </c>).</summary>
    public string Reason { get; }
}
