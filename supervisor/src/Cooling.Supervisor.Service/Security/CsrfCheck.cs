using Microsoft.AspNetCore.Antiforgery;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// Cross-site request forgery protection for the page's session: a write (any method but GET, HEAD, OPTIONS) made
/// with the session cookie must carry the antiforgery token the page got from <c>/auth/session</c> in the
/// <see cref="HeaderName"/> header (ASP.NET Core antiforgery: the token is bound to the antiforgery cookie and the
/// signed-in user). Requests with a bearer token carry no ambient credential and need none. Without the token: 400.
/// </summary>
public sealed class CsrfCheck(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-Token";

    public const string CookieName = "cooling.csrf";

    public async Task InvokeAsync(HttpContext context)
    {
        if (Needed(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new Api.ErrorModel($"the {HeaderName} header is missing or not valid for this session: reload the page"));
            return;
        }

        await next(context);
    }

    private static bool Needed(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
        && !BearerTokenHandler.Carries(context.Request)
        && (context.User.FindFirst(Roles.AuthenticatedByClaim)?.Value == Roles.Session || context.Request.Path.StartsWithSegments("/auth"));
}
