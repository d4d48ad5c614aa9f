using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;

namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// Marks an endpoint as a write that goes to the audit log: <see cref="Action"/> (e.g. <c>alarm.acknowledge</c>) on
/// <see cref="Target"/>, a template whose <c>{name}</c> parts are the request's route values (e.g. <c>alarm {id}</c>).
/// </summary>
public sealed record AuditedAction(string Action, string Target)
{
    public string TargetOf(HttpContext context)
    {
        var target = Target;
        foreach (var (key, value) in context.Request.RouteValues)
        {
            target = target.Replace($"{{{key}}}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return target;
    }

    /// <summary>How a response ended, e.g. <c>200 OK</c> or <c>409 Conflict</c>.</summary>
    public static string Outcome(int statusCode) => $"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}";
}

/// <summary>Endpoint conventions for audited writes.</summary>
public static class Audited
{
    /// <summary>
    /// Requires <paramref name="role"/> and writes every call (who, role, <paramref name="action"/>, <paramref name="target"/>,
    /// the response status) to the audit log; refusals (401, 403) are written by <see cref="AuditingAuthorizationResultHandler"/>.
    /// </summary>
    public static TBuilder Audit<TBuilder>(this TBuilder builder, Role role, string action, string target) where TBuilder : IEndpointConventionBuilder
    {
        var audited = new AuditedAction(action, target);
        builder.RequireRole(role).WithMetadata(audited);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;
            context.HttpContext.RequestServices.GetRequiredService<AuditLog>()
                .Record(context.HttpContext.User, audited.Action, audited.TargetOf(context.HttpContext), AuditedAction.Outcome(status));
            return result;
        });
        return builder;
    }
}
