namespace Takedown.Server.Endpoints;

/// <summary>Rate limiter policy names.</summary>
public static class RateLimits
{
    /// <summary>Public intake, status and login: a fixed window per client address.</summary>
    public const string Public = "public";
}
