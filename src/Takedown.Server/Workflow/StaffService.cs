using System.Security.Claims;
using Takedown.Core;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;

namespace Takedown.Server.Workflow;

/// <summary>
/// Moderator and admin accounts, for the login endpoint, the admin API and the web pages alike: checks a login with
/// <see cref="PasswordHasher"/>, creates, lists, re-roles, disables and enables accounts. Every login, failed login and
/// account change is in the audit log, in the same unit of work as the change.
/// </summary>
internal sealed class StaffService(ITakedownStore store, TimeProvider time)
{
    private static readonly Lazy<string> s_dummyHash = new(() => PasswordHasher.Hash("not a real account"));

    /// <summary>Longest accepted user name.</summary>
    public const int MaxUsernameLength = 64;

    /// <summary>Shortest accepted password.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>
    /// Returns the signed-in principal, or null for a wrong name, a wrong password or a disabled account (the same
    /// answer, and a password check is done either way so timing does not reveal which names exist).
    /// </summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string? username, string? password, string authenticationType, CancellationToken cancellationToken)
    {
        string name = (username ?? string.Empty).Trim();
        UserRecord? user = null;
        if (name.Length is > 0 and <= MaxUsernameLength)
        {
            await using ITakedownSession read = await store.BeginAsync(write: false, cancellationToken);
            user = await read.GetUserAsync(name, cancellationToken);
        }

        bool passwordOk = PasswordHasher.Verify(password ?? string.Empty, user?.PasswordHash ?? s_dummyHash.Value);
        bool ok = passwordOk && user is { Disabled: false };
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.AppendAuditAsync(ok ? "user:" + user!.Username : "anonymous", ok ? "login.succeeded" : "login.failed", null,
                AuditDetail.Of(new { username = name.Length <= MaxUsernameLength ? name : name[..MaxUsernameLength] }), time.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        if (!ok)
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user!.Username), new Claim(ClaimTypes.Role, user.Role)],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Creates an account; returns the password to hand over once (generated when none is given).</summary>
    public async Task<string> CreateAsync(string actor, string username, string role, string? password, CancellationToken cancellationToken)
    {
        string name = username.Trim();
        if (name.Length is 0 or > MaxUsernameLength || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new DomainValidationException($"A user name needs 1 to {MaxUsernameLength} characters without spaces.");
        }

        RequireRole(role);
        if (password is { Length: > 0 and < MinPasswordLength })
        {
            throw new DomainValidationException($"A password needs at least {MinPasswordLength} characters (or leave it empty to generate one).");
        }

        string secret = string.IsNullOrEmpty(password) ? PasswordHasher.RandomPassword() : password;
        string hash = PasswordHasher.Hash(secret);
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        if (await session.GetUserAsync(name, cancellationToken) is not null)
        {
            throw new ConflictException("A user with this name already exists.");
        }

        DateTimeOffset now = time.GetUtcNow();
        await session.InsertUserAsync(name, hash, role, now, cancellationToken);
        await session.AppendAuditAsync(actor, "user.created", null, AuditDetail.Of(new { username = name, role }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return secret;
    }

    /// <summary>All accounts from storage, by user name.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        return await session.ListUsersAsync(cancellationToken);
    }

    /// <summary>
    /// Sets an account's role and state (audited as <c>user.role_changed</c>, <c>user.disabled</c>,
    /// <c>user.enabled</c>). Nobody can demote or disable their own account, and the last active admin stays, so the
    /// deployment is never left without an admin.
    /// </summary>
    /// <returns>The account as it now is.</returns>
    public async Task<UserRecord> ChangeAsync(string actor, string username, string role, bool disabled, CancellationToken cancellationToken)
    {
        RequireRole(role);
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        UserRecord user = await session.GetUserAsync(username, cancellationToken) ?? throw new NotFoundException("No such user.");
        if (user.Role == role && user.Disabled == disabled)
        {
            return user;
        }

        bool losesAdmin = user.Role == Roles.Admin && !user.Disabled && (role != Roles.Admin || disabled);
        if (losesAdmin && actor == "user:" + user.Username)
        {
            throw new DomainValidationException("You cannot remove your own admin role or disable your own account; ask another admin.");
        }

        if (losesAdmin && (await session.ListUsersAsync(cancellationToken)).Count(u => u.Role == Roles.Admin && !u.Disabled) <= 1)
        {
            throw new ConflictException("This is the last active admin; make another account admin first.");
        }

        DateTimeOffset now = time.GetUtcNow();
        await session.UpdateUserAsync(user.Username, role, disabled, cancellationToken);
        if (user.Role != role)
        {
            await session.AppendAuditAsync(actor, "user.role_changed", null, AuditDetail.Of(new { username = user.Username, from = user.Role, to = role }), now, cancellationToken);
        }

        if (user.Disabled != disabled)
        {
            await session.AppendAuditAsync(actor, disabled ? "user.disabled" : "user.enabled", null, AuditDetail.Of(new { username = user.Username }), now, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        return user with { Role = role, Disabled = disabled };
    }

    private static void RequireRole(string role)
    {
        if (role is not (Roles.Moderator or Roles.Admin))
        {
            throw new DomainValidationException("The role must be moderator or admin.");
        }
    }
}
