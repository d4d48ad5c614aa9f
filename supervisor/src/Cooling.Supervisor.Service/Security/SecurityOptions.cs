namespace Cooling.Supervisor.Service.Security;

/// <summary>Sign-in, sessions and login limits (Cooling:Security).</summary>
public sealed class SecurityOptions
{
    /// <summary>Login attempts one client address may make per window; more are answered 429.</summary>
    public int LoginPermitsPerClient { get; set; } = 20;

    /// <summary>Login attempts for one user name per window, from all clients together; more are answered 429.</summary>
    public int LoginPermitsPerUserName { get; set; } = 10;

    /// <summary>The window of the two login limits, s.</summary>
    public double LoginWindowSeconds { get; set; } = 60;

    /// <summary>Failed logins in a row after which the account is locked.</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked, min (on the service's clock).</summary>
    public double LockoutMinutes { get; set; } = 15;

    /// <summary>How long a page session lasts without a request, h.</summary>
    public double SessionIdleHours { get; set; } = 8;

    /// <summary>The shortest password the CLI accepts.</summary>
    public const int MinimumPasswordLength = 12;

    public IEnumerable<string> Validate()
    {
        if (LoginPermitsPerClient < 1) yield return "Cooling:Security:LoginPermitsPerClient must be at least 1";
        if (LoginPermitsPerUserName < 1) yield return "Cooling:Security:LoginPermitsPerUserName must be at least 1";
        if (!(LoginWindowSeconds > 0)) yield return "Cooling:Security:LoginWindowSeconds must be above 0";
        if (LockoutFailures < 1) yield return "Cooling:Security:LockoutFailures must be at least 1";
        if (!(LockoutMinutes > 0)) yield return "Cooling:Security:LockoutMinutes must be above 0";
        if (!(SessionIdleHours > 0)) yield return "Cooling:Security:SessionIdleHours must be above 0";
    }
}
