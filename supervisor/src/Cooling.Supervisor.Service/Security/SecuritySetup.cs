using Cooling.Supervisor.Service.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// Authentication (the page's session cookie, API bearer tokens), role authorization (every endpoint needs at least
/// viewer unless it says otherwise), antiforgery, the login rate limits and the first-admin gate.
/// </summary>
public static class SecuritySetup
{
    private const string Selector = "cooling";

    public const string SessionCookieName = "cooling.session";

    public static void AddSecurity(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CoolingOptions>>().Value.Security);
        services.AddSingleton(sp => new SecurityDatabase(sp.GetRequiredService<IOptions<CoolingOptions>>().Value.Store.SqlitePath));
        services.AddSingleton<UserStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();

        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "session cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                BearerTokenHandler.Carries(context.Request) ? BearerTokenHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = SessionCookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the page is served over HTTPS (production)
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = c => Status(c.Response, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c => Status(c.Response, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = RevalidateAsync,
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SecurityOptions>((o, security) => o.ExpireTimeSpan = TimeSpan.FromHours(security.SessionIdleHours));

        services.AddAuthorization(o =>
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                o.AddPolicy(Roles.Policy(role), p => p.RequireAuthenticatedUser().RequireAssertion(c => Roles.Of(c.User) >= role));
            }

            o.FallbackPolicy = o.GetPolicy(Roles.Policy(Role.Viewer));
        });

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfCheck.HeaderName;
            o.Cookie.Name = CsrfCheck.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<AuditLog>()
                    .Record(AuditLog.Anonymous, AuditLog.Anonymous, "auth.login", $"client {context.HttpContext.Connection.RemoteIpAddress}", "429 Too Many Requests");
                await context.HttpContext.Response.WriteAsJsonAsync(new Api.ErrorModel("too many login attempts from this address: wait a minute"), cancellationToken);
            };
            o.AddPolicy(LoginThrottle.ClientPolicy, context =>
                LoginThrottle.ClientPartition(context, context.RequestServices.GetRequiredService<SecurityOptions>()));
        });
    }

    /// <summary>The security middleware, in order, between routing and the endpoints.</summary>
    public static void UseSecurity(this WebApplication app)
    {
        app.UseMiddleware<FirstAdminGate>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CsrfCheck>();
        app.UseAuthorization();
        AuthEndpoints.Map(app);
        SecurityEndpoints.Map(app);
        app.Lifetime.ApplicationStarted.Register(() => WarnWithoutUsers(app));
    }

    /// <summary>Says in the log, once the service listens, when there is no user yet and how to create the first admin.</summary>
    private static void WarnWithoutUsers(WebApplication app)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        if (!users.Any())
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("security").LogWarning(
                "The supervisor refuses every request but /health: " + FirstAdminGate.Instruction + ", in the service's folder or with --sqlite {Path}",
                app.Services.GetRequiredService<SecurityDatabase>().Path);
        }
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    // A session lasts only while its user exists; a changed role takes effect at the next request.
    private static Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var user = name is null ? null : context.HttpContext.RequestServices.GetRequiredService<UserStore>().Find(name);
        if (user is null)
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        if (Roles.Of(context.Principal!) != user.Role)
        {
            context.ReplacePrincipal(Roles.Principal(user.Name, user.Role, Roles.Session, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }

        return Task.CompletedTask;
    }
}
