using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Takedown.Core.Cases;

/// <summary>
/// The reviewer's checklist recorded with a remove, provisional-remove or reject decision (VAL-2). The first three
/// answers are what a removal rests on; the exception flags and the minor indicator record what else the reviewer saw.
/// </summary>
public sealed record ReviewChecklist
{
    /// <summary>Longest accepted override reason.</summary>
    public const int MaxOverrideReasonLength = 4000;

    /// <summary>The requester is the person depicted, or is authorised to act for them.</summary>
    [Description("VAL-2: the requester is the person depicted, or is authorised to act for them.")]
    public bool DepictedOrAuthorised { get; init; }

    /// <summary>The content is intimate (15 U.S.C. §6851 and the platform's policy).</summary>
    [Description("VAL-2: the content is intimate (15 U.S.C. 6851 and platform policy).")]
    public bool Intimate { get; init; }

    /// <summary>The content was published without the depicted person's consent.</summary>
    [Description("VAL-2: the content was published without the depicted person's consent.")]
    public bool NonConsent { get; init; }

    /// <summary>Exception flag: the content is a matter of public concern.</summary>
    [Description("Exception flag: a matter of public concern (a removal then needs overrideReason).")]
    public bool PublicConcern { get; init; }

    /// <summary>Exception flag: the requester published the content commercially themselves.</summary>
    [Description("Exception flag: commercial self-publication by the requester (a removal then needs overrideReason).")]
    public bool CommercialSelfPublication { get; init; }

    /// <summary>The content appears to involve a minor: the case switches to the MIN-1 path.</summary>
    [Description("Indicators that the content involves a minor: flags the case for the MIN-1 path (never shared, CyberTipline report due).")]
    public bool MinorIndicators { get; init; }

    /// <summary>On a rejection: the notice is manifestly unfounded (counts towards the requester's DSA Art 23 record).</summary>
    [Description("Rejections only: the notice is manifestly unfounded (counts towards the requester's DSA Art 23 record).")]
    public bool ManifestlyUnfounded { get; init; }

    /// <summary>
    /// Why the reviewer removes although one of the first three answers is not confirmed or an exception flag is
    /// set (documented override).
    /// </summary>
    [Description("Documented reason for removing although a ground is not confirmed or an exception flag is set.")]
    public string? OverrideReason { get; init; }

    /// <summary>Whether the three grounds of a removal are confirmed.</summary>
    [JsonIgnore]
    public bool GroundsConfirmed => DepictedOrAuthorised && Intimate && NonConsent;

    /// <summary>Whether an exception flag is set.</summary>
    [JsonIgnore]
    public bool HasException => PublicConcern || CommercialSelfPublication;

    /// <summary>Whether the reviewer gave an override reason.</summary>
    [JsonIgnore]
    public bool IsOverride => !string.IsNullOrWhiteSpace(OverrideReason);

    /// <summary>
    /// Checks that this checklist supports <paramref name="kind"/>: a removal needs the three grounds confirmed and no
    /// exception flag, or else an override reason; "manifestly unfounded" only goes with a rejection.
    /// </summary>
    /// <exception cref="DomainValidationException">The checklist does not support the decision.</exception>
    public void EnsureSupports(DecisionKind kind)
    {
        if (OverrideReason is { Length: > MaxOverrideReasonLength })
        {
            throw new DomainValidationException($"checklist.overrideReason may be at most {MaxOverrideReasonLength} characters.");
        }

        if (ManifestlyUnfounded && kind != DecisionKind.Reject)
        {
            throw new DomainValidationException("checklist.manifestlyUnfounded goes only with a reject decision.");
        }

        if (kind is DecisionKind.Remove or DecisionKind.ProvisionallyRemove && !IsOverride)
        {
            if (!GroundsConfirmed)
            {
                throw new DomainValidationException(
                    "A removal needs the reviewer checklist confirmed: checklist.depictedOrAuthorised, checklist.intimate and checklist.nonConsent, or checklist.overrideReason explaining why the content is removed anyway.");
            }

            if (HasException)
            {
                throw new DomainValidationException(
                    "An exception flag (checklist.publicConcern or checklist.commercialSelfPublication) is set: a removal then needs checklist.overrideReason.");
            }
        }
    }
}
