using System.Threading.RateLimiting;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// The per-user-name login limit (the per-client limit is the "login" policy of ASP.NET Core's rate limiter
/// middleware, which cannot see the name in the body): a fixed window of <see cref="SecurityOptions.LoginPermitsPerUserName"/>
/// attempts per <see cref="SecurityOptions.LoginWindowSeconds"/> for each name, from all clients together.
/// </summary>
public sealed class LoginThrottle(SecurityOptions options) : IDisposable
{
    public const string ClientPolicy = "login";

    private readonly PartitionedRateLimiter<string> _byName = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name.ToUpperInvariant(), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.LoginPermitsPerUserName,
            Window = TimeSpan.FromSeconds(options.LoginWindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>True when another attempt for <paramref name="name"/> is allowed now.</summary>
    public bool TryAttempt(string name)
    {
        using var lease = _byName.AttemptAcquire(name);
        return lease.IsAcquired;
    }

    /// <summary>The per-client policy: <see cref="SecurityOptions.LoginPermitsPerClient"/> attempts per window and client address.</summary>
    public static RateLimitPartition<string> ClientPartition(HttpContext context, SecurityOptions options) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.LoginPermitsPerClient,
            Window = TimeSpan.FromSeconds(options.LoginWindowSeconds),
            QueueLimit = 0,
        });

    public void Dispose() => _byName.Dispose();
}
