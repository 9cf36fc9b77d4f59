using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Takedown.Server.Hosting;

namespace Takedown.Server.Web;

/// <summary>
/// Limits form posts to the public pages (request form, status page, login) per client address, with the same
/// budget as the public API (<see cref="TakedownOptions.PublicPermitsPerMinute"/>). Page views are not limited.
/// </summary>
internal sealed class PublicFormLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public PublicFormLimiter(IOptions<TakedownOptions> options)
    {
        int permits = options.Value.PublicPermitsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Whether a request is a post to a public form.</summary>
    public static bool Applies(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) &&
        (request.Path.Equals("/report", StringComparison.OrdinalIgnoreCase) ||
         request.Path.Equals("/request-status", StringComparison.OrdinalIgnoreCase) ||
         request.Path.Equals(WebPolicies.LoginPath, StringComparison.OrdinalIgnoreCase));

    /// <summary>Takes one permit for the client's address; false when the budget is spent.</summary>
    public bool TryAcquire(HttpContext context)
    {
        using RateLimitLease lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
