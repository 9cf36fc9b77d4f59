namespace Takedown.Data.Protection;

/// <summary>
/// A protected field cannot be read or written: no data key is configured, the value was encrypted with a key that is
/// not configured, or it failed authentication (altered, or a different key with the same id).
/// </summary>
public sealed class DataKeyException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public DataKeyException()
        : base("The data key is missing or wrong.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DataKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
