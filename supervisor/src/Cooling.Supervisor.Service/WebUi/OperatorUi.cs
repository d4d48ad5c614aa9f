using System.Reflection;

namespace Cooling.Supervisor.Service.WebUi;

/// <summary>
/// The operators' web page at <c>/</c> (with <c>/ui/app.js</c> and <c>/ui/app.css</c>): the hall's open alarms with
/// acknowledgement, its CDUs and setpoint links, a CDU's history, its racks and a rack's GPUs, all drawn from the
/// JSON API. The files are embedded in the service, so it serves them with no folder beside it and no network.
/// </summary>
public static class OperatorUi
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/ui/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/ui/app.css", "app.css", "text/css; charset=utf-8"),
        ("/favicon.ico", "icon.svg", "image/svg+xml"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var content = Read(resource);
            var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..16]}\"";
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.ETag = etag;
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'";
                return context.Request.Headers.IfNoneMatch == etag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(content, contentType);
            }).ExcludeFromDescription().AllowAnonymous(); // the files hold no data; the script signs in
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Cooling.Supervisor.Service.WebUi.{name}")
            ?? throw new InvalidOperationException($"the web UI file {name} is not embedded in the service");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
