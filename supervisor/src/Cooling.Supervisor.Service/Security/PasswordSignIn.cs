using Microsoft.AspNetCore.Identity;

namespace Cooling.Supervisor.Service.Security;

/// <summary>How a password sign-in ended.</summary>
public enum SignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
}

/// <summary>
/// Checks a user's password with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512,
/// a random salt per hash; hashes of older formats are rehashed at the next sign-in) and counts failures: after
/// <see cref="SecurityOptions.LockoutFailures"/> in a row the account is locked for <see cref="SecurityOptions.LockoutMinutes"/>
/// on the service's clock, and even the right password is refused until then.
/// </summary>
public sealed class PasswordSignIn(UserStore users, SecurityOptions options, TimeProvider time)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Compared against when the name is unknown, so an unknown name costs as long as a wrong password.
    private static readonly string UnknownUserHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    /// <summary>The hash to store for <paramref name="password"/>.</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>True when <paramref name="password"/> is the one <paramref name="hash"/> was made from.</summary>
    public static bool Verify(string hash, string password) => Hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Why <paramref name="password"/> may not be a password, or null.</summary>
    public static string? Weak(string password) =>
        password.Length < SecurityOptions.MinimumPasswordLength ? $"a password has at least {SecurityOptions.MinimumPasswordLength} characters"
        : password.Length > 256 ? "a password has at most 256 characters"
        : string.IsNullOrWhiteSpace(password) ? "a password is not only spaces"
        : null;

    public (SignInOutcome Outcome, UserAccount? User) Check(string name, string password)
    {
        var user = UserStore.Invalid(name) is null ? users.Find(name) : null;
        if (user is null)
        {
            Hasher.VerifyHashedPassword(null!, UnknownUserHash, password);
            return (SignInOutcome.Failed, null);
        }

        var now = time.GetUtcNow();
        if (user.LockedUntil is { } until && until > now) return (SignInOutcome.LockedOut, user);
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var failures = (user.LockedUntil is null ? user.FailedLogins : 0) + 1; // a lock that ran out starts the count again
            var locked = failures >= options.LockoutFailures;
            users.SetFailures(user.Name, failures, locked ? now.AddMinutes(options.LockoutMinutes) : null);
            return (locked ? SignInOutcome.LockedOut : SignInOutcome.Failed, user);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded) users.SetPasswordHash(user.Name, Hash(password));
        if (user.FailedLogins != 0 || user.LockedUntil is not null) users.SetFailures(user.Name, 0, null);
        return (SignInOutcome.SignedIn, user);
    }
}
