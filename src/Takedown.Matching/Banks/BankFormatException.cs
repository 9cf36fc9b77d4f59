namespace Takedown.Matching.Banks;

/// <summary>A bank file is not a Takedown bank, is from an unsupported version, or is truncated or corrupt.</summary>
public sealed class BankFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BankFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BankFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public BankFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
