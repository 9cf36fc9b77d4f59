namespace Takedown.Core.Cases;

/// <summary>A case was asked to move to a status its current status does not allow.</summary>
public sealed class InvalidTransitionException : TakedownException
{
    /// <summary>Creates the exception for a refused move.</summary>
    public InvalidTransitionException(CaseStatus from, CaseStatus to)
        : base($"A case that is {from.ToWire()} cannot become {to.ToWire()}.")
    {
        From = from;
        To = to;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidTransitionException()
        : base("Transition not allowed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status the case was in.</summary>
    public CaseStatus From { get; }

    /// <summary>The status that was refused.</summary>
    public CaseStatus To { get; }
}
