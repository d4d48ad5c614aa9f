using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// Answers refused requests as the API does (401 without credentials, 403 with too weak a role, both with a JSON
/// error) and writes refused audited writes to the audit log.
/// </summary>
public sealed class AuditingAuthorizationResultHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var forbidden = authorizeResult.Forbidden;
        var status = forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        if (context.GetEndpoint()?.Metadata.GetMetadata<AuditedAction>() is { } audited)
        {
            audit.Record(context.User, audited.Action, audited.TargetOf(context), AuditedAction.Outcome(status));
        }

        if (forbidden) await context.ForbidAsync();
        else await context.ChallengeAsync();
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new Api.ErrorModel(forbidden
            ? $"forbidden: this needs a higher role than {Roles.Of(context.User)?.Name() ?? "none"}"
            : "unauthorized: sign in on the page, or send Authorization: Bearer <API token>"));
    }
}
