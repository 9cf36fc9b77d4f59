using System.Security.Claims;
using Takedown.Core;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Web;

/// <summary>
/// Moderator and admin accounts for the web pages: checks a login with the service's <see cref="PasswordHasher"/>,
/// creates accounts and lists them. Every login, failed login and account change is in the audit log.
/// </summary>
internal sealed class StaffAccounts(ITakedownStore store, TimeProvider time)
{
    private static readonly Lazy<string> s_dummyHash = new(() => PasswordHasher.Hash("not a real account"));

    /// <summary>Longest accepted user name.</summary>
    public const int MaxUsernameLength = 64;

    /// <summary>
    /// Returns the signed-in principal for the cookie scheme, or null for a wrong name, a wrong password or a disabled
    /// account (the same answer, and a password check is done either way).
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

        if (role is not (Roles.Moderator or Roles.Admin))
        {
            throw new DomainValidationException("The role must be moderator or admin.");
        }

        if (password is { Length: > 0 and < 12 })
        {
            throw new DomainValidationException("A password needs at least 12 characters (or leave it empty to generate one).");
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

    /// <summary>
    /// The accounts known from the audit log (accounts created through the pages or the service), with their current
    /// role. The storage layer has no user listing yet, so the log is the index.
    /// </summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(IEnumerable<string> alsoKnown, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(alsoKnown, StringComparer.Ordinal);
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        await foreach (Takedown.Core.Audit.AuditEvent e in AuditReader.ReadAllAsync(session, cancellationToken))
        {
            if (e.Action is "user.created" or "login.succeeded" && AuditReader.TryGetString(e.Detail, "username", out string? name))
            {
                names.Add(name);
            }
        }

        var users = new List<UserRecord>(names.Count);
        foreach (string name in names)
        {
            if (await session.GetUserAsync(name, cancellationToken) is { } user)
            {
                users.Add(user);
            }
        }

        return users;
    }
}
