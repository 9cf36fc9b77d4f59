namespace Takedown.Core.Requests;

/// <summary>
/// Intake from this contact is suspended for a time after repeated manifestly unfounded notices (DSA Art 23; ABU-1).
/// The message says so plainly without revealing anything about other cases.
/// </summary>
public sealed class IntakeSuspendedException : TakedownException
{
    /// <summary>The message the requester sees.</summary>
    public const string PublicMessage =
        "We cannot accept removal requests from this contact for a limited time, because earlier requests from it were manifestly unfounded. If you think this is a mistake, contact the platform; a person will look at it.";

    /// <summary>Creates the exception with the public message.</summary>
    public IntakeSuspendedException()
        : base(PublicMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IntakeSuspendedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public IntakeSuspendedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
