using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Cooling.Supervisor.Service.Api;

namespace Cooling.Supervisor.Service.Security;

/// <summary>The signed-in user and a fresh antiforgery token for the page's writes.</summary>
public sealed record SessionModel(bool SignedIn, string? Name, string? Role, string CsrfToken);

/// <summary>The body of POST /auth/login.</summary>
public sealed record LoginRequest(string? Name, string? Password);

/// <summary>
/// The page's session: <c>GET /auth/session</c> (who is signed in, and the antiforgery token), <c>POST /auth/login</c>
/// (name and password; rate-limited per client and per name; sets the session cookie) and <c>POST /auth/logout</c>.
/// </summary>
public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").AllowAnonymous();
        auth.MapGet("/session", (HttpContext context, IAntiforgery antiforgery) => Session(context, context.User, antiforgery));

        auth.MapPost("/login", async (LoginRequest? request, HttpContext context, PasswordSignIn signIn, LoginThrottle throttle, AuditLog audit,
            IAntiforgery antiforgery) =>
        {
            var name = request?.Name?.Trim() ?? "";
            if (name.Length == 0 || string.IsNullOrEmpty(request?.Password)) return HallEndpoints.BadRequest("name and password are required");
            if (name.Length > 64) return HallEndpoints.BadRequest("name: at most 64 characters");
            if (!throttle.TryAttempt(name))
            {
                audit.Record(name, AuditLog.Anonymous, "auth.login", $"user {name}", "429 Too Many Requests");
                return Results.Json(new ErrorModel("too many login attempts for this name: wait a minute"), statusCode: StatusCodes.Status429TooManyRequests);
            }

            var (outcome, user) = signIn.Check(name, request.Password);
            if (outcome != SignInOutcome.SignedIn || user is null)
            {
                audit.Record(name, AuditLog.Anonymous, "auth.login", $"user {name}", outcome == SignInOutcome.LockedOut ? "locked out" : "failed");
                return Results.Json(new ErrorModel("wrong name or password (after repeated failures an account is locked for a while)"),
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            var principal = Roles.Principal(user.Name, user.Role, Roles.Session, CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            audit.Record(user.Name, user.Role.Name(), "auth.login", $"user {user.Name}", "signed in");
            return Results.Ok(Session(context, principal, antiforgery));
        }).RequireRateLimiting(LoginThrottle.ClientPolicy);

        auth.MapPost("/logout", async (HttpContext context, AuditLog audit, IAntiforgery antiforgery) =>
        {
            if (context.User.Identity?.IsAuthenticated == true) audit.Record(context.User, "auth.logout", $"user {context.User.Identity.Name}", "signed out");
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Ok(Session(context, new System.Security.Claims.ClaimsPrincipal(), antiforgery));
        });
    }

    // The antiforgery token is bound to the user, so one is made for the principal the page continues with.
    private static SessionModel Session(HttpContext context, System.Security.Claims.ClaimsPrincipal principal, IAntiforgery antiforgery)
    {
        var signedIn = principal.Identity?.IsAuthenticated == true && principal.FindFirst(Roles.AuthenticatedByClaim)?.Value == Roles.Session;
        var user = context.User;
        context.User = signedIn ? principal : new System.Security.Claims.ClaimsPrincipal();
        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        context.User = user;
        return new SessionModel(signedIn, signedIn ? principal.Identity!.Name : null, signedIn ? Roles.Of(principal)?.Name() : null, token);
    }
}
