using System.Security.Claims;

namespace Takedown.Server.Auth;

/// <summary>How the audit log names the caller.</summary>
internal static class CurrentActor
{
    /// <summary><c>user:NAME</c> for a login, <c>key:PREFIX</c> for an API key.</summary>
    public static string Of(ClaimsPrincipal user)
    {
        string? name = user.Identity?.Name;
        if (name is null)
        {
            return "anonymous";
        }

        return name.StartsWith("key:", StringComparison.Ordinal) ? name : "user:" + name;
    }
}
