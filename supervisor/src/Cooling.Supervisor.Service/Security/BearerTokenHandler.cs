using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// <c>Authorization: Bearer cst_…</c>: the request acts as the API token's name with the token's role. A request
/// without the header is left to the session cookie; an unknown or revoked token is refused (401).
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";

    private const string BearerPrefix = "Bearer ";

    /// <summary>True when the request carries a bearer token (which then decides, not a cookie).</summary>
    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var token = tokens.Find(header[BearerPrefix.Length..].Trim());
        return Task.FromResult(token is null
            ? AuthenticateResult.Fail("unknown or revoked API token")
            : AuthenticateResult.Success(new AuthenticationTicket(Roles.Principal(token.Name, token.Role, Roles.Token, SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
