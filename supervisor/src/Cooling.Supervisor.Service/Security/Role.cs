using System.Security.Claims;
using System.Text.Json.Serialization;

namespace Cooling.Supervisor.Service.Security;

/// <summary>What a user or an API token may do; each role may do everything the roles below it may.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Reads everything the API and the page show.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer = 1,

    /// <summary>Also acknowledges alarms (and is the role for operating CDUs: overrides and hand-back).</summary>
    [JsonStringEnumMemberName("operator")]
    Operator = 2,

    /// <summary>Also reads the audit log (and is the role for planner settings).</summary>
    [JsonStringEnumMemberName("engineer")]
    Engineer = 3,

    /// <summary>Also manages users and API tokens.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin = 4,
}

/// <summary>Role names (lower case, as in the API, the CLI and the audit log), claims and authorization policies.</summary>
public static class Roles
{
    /// <summary>The claim that says how the request was authenticated: <see cref="Session"/> or <see cref="Token"/>.</summary>
    public const string AuthenticatedByClaim = "cooling:authenticated-by";

    public const string Session = "session";

    public const string Token = "token";

    public static string Name(this Role role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses a role name (viewer, operator, engineer, admin; case-insensitive); numbers are not role names.</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        return text is not null && !text.Any(char.IsDigit) && Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
    }

    public static string Names => string.Join(", ", Enum.GetValues<Role>().Select(Name));

    /// <summary>The name of the authorization policy that admits <paramref name="role"/> and above.</summary>
    public static string Policy(Role role) => $"role:{role.Name()}";

    /// <summary>The role of an authenticated principal; null when it has none.</summary>
    public static Role? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && TryParse(user.FindFirst(ClaimTypes.Role)?.Value, out var role) ? role : null;

    /// <summary>A principal for <paramref name="name"/> with <paramref name="role"/>, authenticated by a session or a token.</summary>
    public static ClaimsPrincipal Principal(string name, Role role, string authenticatedBy, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"{authenticatedBy}:{name}"),
                new Claim(ClaimTypes.Name, name),
                new Claim(ClaimTypes.Role, role.Name()),
                new Claim(AuthenticatedByClaim, authenticatedBy),
            ],
            scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Requires at least <paramref name="role"/> on the endpoint(s).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(role));
}
