namespace Takedown.Core;

/// <summary>Base class of the domain's expected failures; the server maps each to a problem+json status.</summary>
public class TakedownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TakedownException()
    {
    }

    /// <summary>Creates the exception with a message safe to show to the caller.</summary>
    public TakedownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TakedownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The thing asked for does not exist (or the caller may not know that it does).</summary>
public sealed class NotFoundException : TakedownException
{
    /// <summary>Creates the exception.</summary>
    public NotFoundException()
        : base("Not found.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The request conflicts with the current state (for example a case claimed by someone else).</summary>
public sealed class ConflictException : TakedownException
{
    /// <summary>Creates the exception.</summary>
    public ConflictException()
        : base("Conflict.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The input is not acceptable; the message says why.</summary>
public sealed class DomainValidationException : TakedownException
{
    /// <summary>Creates the exception.</summary>
    public DomainValidationException()
        : base("Invalid input.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DomainValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
