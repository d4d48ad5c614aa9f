namespace Cooling.Supervisor.Service.Security;

/// <summary>
/// While the service has no user it answers nothing but <c>/health</c>: every other request gets 503 with how to
/// create the first admin (there is no default password). Checked on every request, so the admin created by the
/// <c>users add</c> command while the service runs is let in at once.
/// </summary>
public sealed class FirstAdminGate(RequestDelegate next, UserStore users)
{
    public const string Instruction = "no user exists yet: create the first admin with `cooling-supervisor users add --name <name> --role admin` (the password is read from standard input)";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/health") && !users.Any())
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new Api.ErrorModel(Instruction));
            return;
        }

        await next(context);
    }
}
