namespace Takedown.Server.Auth;

/// <summary>Roles, API key scopes and authorization policy names.</summary>
public static class Roles
{
    /// <summary>Moderator role: works the queue and decides.</summary>
    public const string Moderator = "moderator";

    /// <summary>Admin role: everything a moderator does plus keys, users and audit export.</summary>
    public const string Admin = "admin";

    /// <summary>API key scope for <c>/check</c>.</summary>
    public const string CheckScope = "check";

    /// <summary>API key scope for the platform's calls (relaying appeals, registering content).</summary>
    public const string ConnectorScope = "connector";

    /// <summary>
    /// API key scope of trusted flaggers and regulators (INT-4): files notices through <c>POST /api/v1/notices</c>,
    /// marked with their channel (a badge in the queue, which stays ordered by time left) and the notice's own
    /// deadline when shorter.
    /// </summary>
    public const string FlaggerScope = "flagger";

    /// <summary>Claim type of API key scopes.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>Scopes a key may have.</summary>
    public static IReadOnlyList<string> AllScopes { get; } = [CheckScope, ConnectorScope, FlaggerScope, Moderator, Admin];

    /// <summary>Policy names.</summary>
    public static class Policies
    {
        /// <summary>Moderator or admin.</summary>
        public const string Moderate = "moderate";

        /// <summary>Admin only.</summary>
        public const string Administer = "administer";

        /// <summary>Keys with the check scope.</summary>
        public const string Check = "check";

        /// <summary>Keys with the connector scope.</summary>
        public const string Connector = "connector";
    }
}
