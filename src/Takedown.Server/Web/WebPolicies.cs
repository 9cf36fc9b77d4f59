using Takedown.Server.Auth;

namespace Takedown.Server.Web;

/// <summary>Authorization policies (the service's) and paths of the people-facing pages.</summary>
public static class WebPolicies
{
    /// <summary>Moderator or admin.</summary>
    public const string Moderate = Roles.Policies.Moderate;

    /// <summary>Admin.</summary>
    public const string Administer = Roles.Policies.Administer;

    /// <summary>The login page.</summary>
    public const string LoginPath = "/login";
}
