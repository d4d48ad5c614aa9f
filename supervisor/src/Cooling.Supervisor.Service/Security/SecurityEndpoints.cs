using Cooling.Supervisor.Service.Api;

namespace Cooling.Supervisor.Service.Security;

/// <summary>A user as listed (never the password hash).</summary>
public sealed record UserModel(string Name, string Role, DateTimeOffset CreatedAt, int FailedLogins, DateTimeOffset? LockedUntil);

/// <summary>The body of POST /api/tokens.</summary>
public sealed record CreateTokenRequest(string? Name, string? Role);

/// <summary>A new API token with its secret, shown this once.</summary>
public sealed record CreatedTokenModel(ApiToken Token, string Secret);

/// <summary>The audit log (engineer and above), users and API tokens (admin).</summary>
public static class SecurityEndpoints
{
    private const int MaximumAudit = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", (DateTimeOffset? since, DateTimeOffset? until, int? limit, AuditLog audit, TimeProvider time) =>
        {
            var to = until ?? time.GetUtcNow().AddSeconds(1);
            var from = since ?? to.AddDays(-1);
            if (from >= to) return HallEndpoints.BadRequest("since: must be before until");
            var count = limit ?? 1000;
            if (count is < 1 or > MaximumAudit) return HallEndpoints.BadRequest($"limit: must be 1 … {MaximumAudit}");
            return Results.Ok(audit.Query(from, to, count));
        }).RequireRole(Role.Engineer);

        app.MapGet("/api/users", (UserStore users) =>
            users.List().Select(u => new UserModel(u.Name, u.Role.Name(), u.CreatedAt, u.FailedLogins, u.LockedUntil))).RequireRole(Role.Admin);

        app.MapGet("/api/tokens", (TokenStore tokens) => tokens.List()).RequireRole(Role.Admin);

        app.MapPost("/api/tokens", (CreateTokenRequest? request, HttpContext context, TokenStore tokens, TimeProvider time) =>
        {
            if (UserStore.Invalid(request?.Name) is { } error) return HallEndpoints.BadRequest($"name: {error}");
            if (!Roles.TryParse(request!.Role, out var role)) return HallEndpoints.BadRequest($"role: one of {Roles.Names}");
            var (token, secret) = tokens.Create(request.Name!, role, context.User.Identity!.Name!, time.GetUtcNow());
            return Results.Ok(new CreatedTokenModel(token, secret));
        }).Audit(Role.Admin, "token.create", "token");

        app.MapDelete("/api/tokens/{id:long}", (long id, TokenStore tokens, TimeProvider time) =>
            tokens.Revoke(id, time.GetUtcNow()) ? Results.NoContent() : HallEndpoints.NotFound($"no unrevoked token {id}"))
            .Audit(Role.Admin, "token.revoke", "token {id}");
    }
}
