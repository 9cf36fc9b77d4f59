using System.ComponentModel;

namespace Takedown.Server.Endpoints;

/// <summary>A moderator's decision on a case.</summary>
/// <param name="Decision"><c>remove</c>, <c>provisionally_remove</c>, <c>reject</c>, <c>request_information</c> or <c>content_not_visible</c> (end-to-end encrypted, JUR-1).</param>
/// <param name="Reason">Why (required for reject and request_information); the good-faith basis for removals.</param>
/// <param name="Checklist">The reviewer checklist (VAL-2): required for remove and provisionally_remove (the three grounds confirmed, or an overrideReason), optional for reject; a minor indicator flags the case for the MIN-1 path.</param>
public sealed record DecisionBody(
    [property: Description("remove, provisionally_remove, reject, request_information or content_not_visible (end-to-end encrypted, JUR-1).")] string Decision,
    [property: Description("Why (required for reject and request_information); the good-faith basis for removals.")] string? Reason,
    [property: System.ComponentModel.Description("The reviewer checklist (VAL-2): required for remove and provisionally_remove (three grounds confirmed, or overrideReason); optional for reject.")] Takedown.Core.Cases.ReviewChecklist? Checklist = null);

/// <summary>Claim a case.</summary>
/// <param name="Force">Take it over from another moderator.</param>
public sealed record ClaimBody(
    [property: Description("Take it over from another moderator.")] bool Force);

/// <summary>A note.</summary>
/// <param name="Text">The note.</param>
public sealed record NoteBody(
    [property: Description("The note.")] string Text);

/// <summary>A decision on a near copy found by the copy search.</summary>
/// <param name="Confirm">True removes it and banks its hashes; false keeps it.</param>
/// <param name="Reason">Why.</param>
public sealed record ReviewItemBody(
    [property: Description("True removes it and banks its hashes; false keeps it.")] bool Confirm,
    [property: Description("Why the copy was confirmed or kept.")] string? Reason);

/// <summary>An uploader's appeal, relayed by the platform.</summary>
/// <param name="CaseNumber">Case number from the statement of reasons.</param>
/// <param name="ContentId">The removed content id.</param>
/// <param name="Statement">The uploader's explanation.</param>
public sealed record AppealBody(
    [property: Description("Case number from the statement of reasons.")] string CaseNumber,
    [property: Description("The removed content id.")] string ContentId,
    [property: Description("The uploader's explanation.")] string Statement);

/// <summary>A decision on an appeal.</summary>
/// <param name="Grant">True restores the content and releases its hashes.</param>
/// <param name="Reason">Why (required).</param>
public sealed record AppealDecisionBody(
    [property: Description("True restores the content and releases its hashes.")] bool Grant,
    [property: Description("Why (required).")] string? Reason);

/// <summary>Precomputed hashes of an upload.</summary>
/// <param name="Pdq">PDQ, 64 hex digits.</param>
/// <param name="Md5">MD5, 32 hex digits.</param>
/// <param name="Sha256">SHA-256, 64 hex digits.</param>
/// <param name="ContentId">The platform's id for the upload; when given, the upload joins the copy-search registry.</param>
/// <param name="Vpdq">A video's vPDQ frame hashes (as <c>takedown hash VIDEO</c> prints them), matched against banked videos.</param>
public sealed record CheckBody(
    [property: Description("PDQ, 64 hex digits.")] string? Pdq,
    [property: Description("MD5, 32 hex digits.")] string? Md5,
    [property: Description("SHA-256, 64 hex digits.")] string? Sha256,
    [property: Description("The platform's id for the upload; when given, the upload joins the copy-search registry.")] string? ContentId,
    [property: Description("A video's vPDQ frame hashes (as takedown hash VIDEO prints them), matched against banked videos.")] IReadOnlyList<VpdqFrameBody>? Vpdq = null);

/// <summary>One vPDQ frame hash in a <c>/check</c> body.</summary>
/// <param name="Frame">Frame number (0-based).</param>
/// <param name="Quality">PDQ quality 0..100; frames under 50 are ignored in matching.</param>
/// <param name="Hash">PDQ hash of the frame, 64 hex digits.</param>
/// <param name="Timestamp">Seconds from the start.</param>
public sealed record VpdqFrameBody(
    [property: Description("Frame number (0-based).")] int Frame,
    [property: Description("PDQ quality 0..100; frames under 50 are ignored in matching.")] int Quality,
    [property: Description("PDQ hash of the frame, 64 hex digits.")] string Hash,
    [property: Description("Seconds from the start.")] double Timestamp);

/// <summary>Moderator login.</summary>
/// <param name="Username">User name.</param>
/// <param name="Password">Password.</param>
public sealed record LoginBody(
    [property: Description("The staff user name.")] string Username,
    [property: Description("The password (never stored in clear or logged).")] string Password);

/// <summary>Who is logged in.</summary>
/// <param name="Username">User name.</param>
/// <param name="Role">Role.</param>
public sealed record LoginResult(
    [property: Description("The staff user name.")] string Username,
    [property: Description("moderator or admin.")] string Role);

/// <summary>A new API key.</summary>
/// <param name="Name">What it is for.</param>
/// <param name="Scopes">Any of check, connector, moderator, admin.</param>
public sealed record CreateApiKeyBody(
    [property: Description("What it is for.")] string Name,
    [property: Description("Any of check, connector, moderator, admin.")] IReadOnlyList<string> Scopes);

/// <summary>A created API key; <paramref name="Key"/> is shown only here.</summary>
/// <param name="Id">Key id (for revocation).</param>
/// <param name="Prefix">Public prefix.</param>
/// <param name="Key">The secret key.</param>
/// <param name="Scopes">Scopes.</param>
public sealed record CreatedApiKey(
    [property: Description("Key id (for revocation).")] long Id,
    [property: Description("Public prefix.")] string Prefix,
    [property: Description("The secret key.")] string Key,
    [property: Description("The key's scopes (check, connector, flagger, moderator, admin).")] IReadOnlyList<string> Scopes);

/// <summary>An API key as listed (never the secret).</summary>
/// <param name="Id">Key id.</param>
/// <param name="Prefix">Public prefix.</param>
/// <param name="Name">Name.</param>
/// <param name="Scopes">Scopes.</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="RevokedAt">Revoked.</param>
public sealed record ApiKeyView(
    [property: Description("Key id.")] long Id,
    [property: Description("Public prefix.")] string Prefix,
    [property: Description("What the key is for.")] string Name,
    [property: Description("The key's scopes (check, connector, flagger, moderator, admin).")] IReadOnlyList<string> Scopes,
    [property: Description("When the key was created.")] DateTimeOffset CreatedAt,
    [property: Description("When the key was revoked, if it was.")] DateTimeOffset? RevokedAt);

/// <summary>A new moderator or admin.</summary>
/// <param name="Username">User name.</param>
/// <param name="Password">Password (at least 12 characters).</param>
/// <param name="Role">moderator or admin.</param>
public sealed record CreateUserBody(
    [property: Description("The staff user name.")] string Username,
    [property: Description("Password (at least 12 characters).")] string Password,
    [property: Description("moderator or admin.")] string Role);

/// <summary>Result of verifying the audit chain.</summary>
/// <param name="Events">Events checked.</param>
/// <param name="Intact">Whether the chain verifies.</param>
/// <param name="FirstBadSequence">First event that does not verify.</param>
public sealed record AuditVerification(
    [property: Description("How many audit events were checked.")] long Events,
    [property: Description("Whether the hash chain verifies end to end.")] bool Intact,
    [property: Description("The sequence number of the first event that does not verify, if any.")] long? FirstBadSequence);

/// <summary>An audit event as served by the API.</summary>
/// <param name="Sequence">Position.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="Action">What.</param>
/// <param name="CaseNumber">Case.</param>
/// <param name="Detail">Detail JSON.</param>
/// <param name="Hash">Chain hash (hex).</param>
public sealed record AuditEventView(
    [property: Description("The event's position in the audit chain.")] long Sequence,
    [property: Description("When it happened.")] DateTimeOffset At,
    [property: Description("Who acted: a staff user, an API key or the system.")] string Actor,
    [property: Description("The action's name, e.g. exchange.added.")] string Action,
    [property: Description("The case it concerns, if any.")] string? CaseNumber,
    [property: Description("The action's details as a JSON string.")] string Detail,
    [property: Description("The event's chain hash (hex).")] string Hash);
