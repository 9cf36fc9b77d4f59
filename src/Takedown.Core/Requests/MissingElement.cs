namespace Takedown.Core.Requests;

/// <summary>One missing or insufficient statutory element, with a plain-language explanation for the requester.</summary>
/// <param name="Element">Which element.</param>
/// <param name="Field">The request field to fill in.</param>
/// <param name="Message">What the requester must add.</param>
public sealed record MissingElement(StatutoryElement Element, string Field, string Message);
