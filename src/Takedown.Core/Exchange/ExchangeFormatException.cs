namespace Takedown.Core.Exchange;

/// <summary>
/// Input from a hash list or an exchange feed is malformed or untrustworthy (bad hash, bad page, bad signature,
/// replayed or rewound page). Nothing from the offending page or file is applied.
/// </summary>
public sealed class ExchangeFormatException : TakedownException
{
    /// <summary>Creates the exception.</summary>
    public ExchangeFormatException()
        : base("The exchange input is malformed.")
    {
    }

    /// <summary>Creates the exception with a message safe to show to the operator.</summary>
    public ExchangeFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ExchangeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
