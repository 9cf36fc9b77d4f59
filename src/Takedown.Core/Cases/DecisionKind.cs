namespace Takedown.Core.Cases;

/// <summary>What a moderator decided on a case.</summary>
public enum DecisionKind
{
    /// <summary>Remove the content and bank its hashes.</summary>
    Remove = 0,

    /// <summary>Remove now, review later (can be confirmed or reversed).</summary>
    ProvisionallyRemove = 1,

    /// <summary>Reject the request; a reason is required.</summary>
    Reject = 2,

    /// <summary>Ask the requester for more information.</summary>
    RequestInformation = 3,

    /// <summary>
    /// The content is not visible to the provider (end-to-end encrypted or private storage), so it cannot be assessed
    /// or removed (JUR-1). Closes the case like a rejection, with this outcome code.
    /// </summary>
    ContentNotVisible = 4,
}
