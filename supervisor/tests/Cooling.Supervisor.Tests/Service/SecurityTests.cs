using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cooling.Supervisor.Service.Security;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// Authentication and authorization of the running service over real HTTP: every read needs at least viewer, every
/// write its role (401 without credentials, 403 with too weak a role), each write and refusal in the audit log with
/// the user's name; the page's session (cookie flags, antiforgery on writes, sign-out), API tokens (revocation),
/// the login limits per client and per name, lockout on the service's clock, and the first-admin gate.
/// </summary>
public sealed class SecurityTests
{
    private const string Password = "a long enough password";

    // Every write of the API, with the role it needs.
    private static readonly (HttpMethod Method, string Path, Role Role)[] Writes =
    [
        (HttpMethod.Post, "/api/alarms/1/acknowledge", Role.Operator),
        (HttpMethod.Post, "/api/tokens", Role.Admin),
        (HttpMethod.Delete, "/api/tokens/999", Role.Admin),
    ];

    private static readonly string[] Reads =
    [
        "/api/halls", "/api/halls/hall1/cdus", "/api/halls/hall1/racks", "/api/alarms", "/api/alarms/history", "/api/setpoints", "/metrics",
        "/api/halls/hall1/cdus/cdu1/history/supplyTemperatureCelsius",
    ];

    private static HttpRequestMessage Request(HttpMethod method, string path) => new(method, new Uri(path, UriKind.Relative))
    {
        Content = method == HttpMethod.Post ? JsonContent.Create(new { name = "bot", role = "viewer" }) : null,
    };

    private static async Task<int> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = Request(method, path);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static List<AuditEntry> AuditOf(RunningService service) => [.. service.Audit.Query(RunningService.Start.AddDays(-1), RunningService.Start.AddDays(1), 1000)];

    [Fact]
    public async Task Without_credentials_every_read_and_write_is_401_and_only_health_and_the_page_answer()
    {
        await using var service = await RunningService.StartAsync();
        var anonymous = service.NewClient();
        foreach (var path in Reads) Assert.True(await SendAsync(anonymous, HttpMethod.Get, path) == 401, $"GET {path}");
        foreach (var (method, path, _) in Writes) Assert.True(await SendAsync(anonymous, method, path) == 401, $"{method} {path}");
        Assert.Equal(200, await SendAsync(anonymous, HttpMethod.Get, "/health"));
        Assert.Equal(200, await SendAsync(anonymous, HttpMethod.Get, "/"));
        Assert.Equal(200, await SendAsync(anonymous, HttpMethod.Get, "/ui/app.js"));

        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/alarms/1/acknowledge", UriKind.Relative));
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "cst_not-a-token");
        Assert.Equal(401, (int)(await anonymous.SendAsync(forged)).StatusCode);

        var refused = AuditOf(service).Where(e => e.Outcome == "401 Unauthorized").ToList();
        Assert.Equal(["alarm.acknowledge", "token.create", "token.revoke", "alarm.acknowledge"], refused.Select(e => e.Action));
        Assert.All(refused, e => Assert.Equal(AuditLog.Anonymous, e.User));
        Assert.Equal("alarm 1", refused[0].Target);
    }

    [Fact]
    public async Task A_too_weak_role_is_403_the_right_role_passes_and_the_audit_log_names_the_user()
    {
        await using var service = await RunningService.StartAsync();
        foreach (var (method, path, needed) in Writes)
        {
            var weaker = service.ClientAs($"weaker-{needed.Name()}", needed - 1);
            Assert.True(await SendAsync(weaker, method, path) == 403, $"{method} {path} as {needed - 1}");
            var enough = service.ClientAs($"enough-{needed.Name()}", needed);
            Assert.True(await SendAsync(enough, method, path) is not (401 or 403), $"{method} {path} as {needed}");
        }

        var viewer = service.ClientAs("viewer-vic", Role.Viewer);
        foreach (var path in Reads) Assert.True(await SendAsync(viewer, HttpMethod.Get, path) == 200, $"GET {path} as viewer");
        Assert.Equal(403, await SendAsync(service.ClientAs("operator-olga", Role.Operator), HttpMethod.Get, "/api/audit"));
        var engineer = service.ClientAs("engineer-emil", Role.Engineer);
        var audit = (await engineer.GetFromJsonAsync<JsonElement>("/api/audit")).EnumerateArray().ToList();

        Assert.Contains(audit, e => e.GetProperty("user").GetString() == "weaker-operator" && e.GetProperty("role").GetString() == "viewer"
            && e.GetProperty("action").GetString() == "alarm.acknowledge" && e.GetProperty("outcome").GetString() == "403 Forbidden");
        Assert.Contains(audit, e => e.GetProperty("user").GetString() == "enough-operator" && e.GetProperty("role").GetString() == "operator"
            && e.GetProperty("action").GetString() == "alarm.acknowledge" && e.GetProperty("outcome").GetString() == "404 Not Found"
            && e.GetProperty("target").GetString() == "alarm 1");
        Assert.Contains(audit, e => e.GetProperty("user").GetString() == "enough-admin" && e.GetProperty("action").GetString() == "token.create"
            && e.GetProperty("outcome").GetString() == "200 OK");
        Assert.Contains(audit, e => e.GetProperty("user").GetString() == "weaker-admin" && e.GetProperty("role").GetString() == "engineer"
            && e.GetProperty("action").GetString() == "token.revoke" && e.GetProperty("outcome").GetString() == "403 Forbidden");
        Assert.Equal(RunningService.Start, audit[0].GetProperty("time").GetDateTimeOffset()); // the service's clock
    }

    [Fact]
    public async Task An_API_token_is_shown_once_acts_with_its_role_and_stops_working_when_revoked()
    {
        await using var service = await RunningService.StartAsync();
        using var response = await service.Http.PostAsJsonAsync("/api/tokens", new { name = "grafana", role = "viewer" });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("token").GetProperty("id").GetInt64();
        Assert.StartsWith(TokenStore.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal("viewer", created.GetProperty("token").GetProperty("role").GetString());
        Assert.DoesNotContain(secret, await service.Http.GetStringAsync("/api/tokens"), StringComparison.Ordinal);

        var grafana = service.NewClient();
        grafana.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(200, await SendAsync(grafana, HttpMethod.Get, "/api/halls"));
        Assert.Equal(403, await SendAsync(grafana, HttpMethod.Post, "/api/alarms/1/acknowledge"));
        Assert.Equal(204, await SendAsync(service.Http, HttpMethod.Delete, $"/api/tokens/{id}"));
        Assert.Equal(401, await SendAsync(grafana, HttpMethod.Get, "/api/halls"));
        Assert.Equal(404, await SendAsync(service.Http, HttpMethod.Delete, $"/api/tokens/{id}"));
    }

    [Fact]
    public async Task A_page_session_has_strict_http_only_cookies_and_its_writes_need_the_antiforgery_token()
    {
        await using var service = await RunningService.StartAsync();
        service.AddUser("anna", Role.Operator, Password);
        var browser = service.NewClient();
        var before = await browser.GetFromJsonAsync<JsonElement>("/auth/session");
        Assert.False(before.GetProperty("signedIn").GetBoolean());

        // Sign-in itself needs the token (no login by a forged form).
        Assert.Equal(400, (int)(await browser.PostAsJsonAsync("/auth/login", new { name = "anna", password = Password })).StatusCode);
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/login", UriKind.Relative)) { Content = JsonContent.Create(new { name = "anna", password = Password }) };
        login.Headers.Add(CsrfCheck.HeaderName, before.GetProperty("csrfToken").GetString());
        using var signedIn = await browser.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var session = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("anna", session.GetProperty("name").GetString());
        Assert.Equal("operator", session.GetProperty("role").GetString());
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecuritySetup.SessionCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure whenever served over HTTPS

        Assert.Equal(200, await SendAsync(browser, HttpMethod.Get, "/api/halls"));
        Assert.Equal(400, await SendAsync(browser, HttpMethod.Post, "/api/alarms/1/acknowledge")); // the cookie alone is not enough
        using var withToken = Request(HttpMethod.Post, "/api/alarms/1/acknowledge");
        withToken.Headers.Add(CsrfCheck.HeaderName, session.GetProperty("csrfToken").GetString());
        Assert.Equal(404, (int)(await browser.SendAsync(withToken)).StatusCode); // authorized; there is no alarm 1
        Assert.Contains(AuditOf(service), e => e is { User: "anna", Role: "operator", Action: "alarm.acknowledge", Outcome: "404 Not Found" });

        // A removed user's session ends at the next request.
        Assert.True(service.Users.Remove("anna"));
        Assert.Equal(401, await SendAsync(browser, HttpMethod.Get, "/api/halls"));
    }

    [Fact]
    public async Task Login_attempts_are_limited_per_client()
    {
        await using var service = await RunningService.StartAsync("--Cooling:Security:LoginPermitsPerClient=3");
        var client = service.NewClient();
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++) statuses.Add(await LoginAsync(client, $"someone-{i}", "wrong password!"));
        Assert.Equal([401, 401, 401, 429, 429], statuses);
        Assert.Contains(AuditOf(service), e => e.Action == "auth.login" && e.Outcome == "429 Too Many Requests" && e.Target.StartsWith("client ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_attempts_are_limited_per_user_name_and_an_account_locks_after_repeated_failures()
    {
        await using var service = await RunningService.StartAsync("--Cooling:Security:LoginPermitsPerUserName=4", "--Cooling:Security:LockoutFailures=3",
            "--Cooling:Security:LockoutMinutes=15");
        service.AddUser("ben", Role.Viewer, Password);
        var client = service.NewClient();
        for (var i = 0; i < 3; i++) Assert.Equal(401, await LoginAsync(client, "ben", "not his password"));
        Assert.Equal(401, await LoginAsync(client, "ben", Password)); // locked: even the right password
        Assert.Equal(429, await LoginAsync(client, "ben", Password)); // the fifth attempt for this name in the window
        Assert.Equal(401, await LoginAsync(client, "carla", Password)); // another name is not limited by ben's
        Assert.NotNull(service.Users.Find("ben")!.LockedUntil);
        Assert.Contains(AuditOf(service), e => e is { User: "ben", Action: "auth.login", Outcome: "locked out" });

        await using var later = await RunningService.StartAsync("--Cooling:Security:LockoutFailures=3", "--Cooling:Security:LockoutMinutes=15");
        later.AddUser("ben", Role.Viewer, Password);
        var again = later.NewClient();
        for (var i = 0; i < 3; i++) Assert.Equal(401, await LoginAsync(again, "ben", "not his password"));
        later.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(401, await LoginAsync(again, "ben", Password));
        later.Time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(200, await LoginAsync(again, "ben", Password));
        Assert.Equal(0, later.Users.Find("ben")!.FailedLogins);
    }

    // A login as the page makes it: the antiforgery token from /auth/session, then the name and password.
    private static async Task<int> LoginAsync(HttpClient client, string name, string password)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/auth/session");
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/login", UriKind.Relative)) { Content = JsonContent.Create(new { name, password }) };
        login.Headers.Add(CsrfCheck.HeaderName, session.GetProperty("csrfToken").GetString());
        using var response = await client.SendAsync(login);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Passwords_are_stored_as_salted_PBKDF2_hashes_that_verify()
    {
        await using var service = await RunningService.StartAsync();
        service.AddUser("dora", Role.Viewer, Password);
        service.AddUser("emil", Role.Viewer, Password);
        var dora = service.Users.Find("dora")!.PasswordHash;
        var emil = service.Users.Find("emil")!.PasswordHash;
        Assert.DoesNotContain(Password, dora, StringComparison.Ordinal);
        Assert.NotEqual(dora, emil); // a salt each
        var bytes = Convert.FromBase64String(dora);
        Assert.Equal(0x01, bytes[0]); // Identity's format 3: PBKDF2
        Assert.Equal(2, bytes[4]); // with HMAC-SHA512 (KeyDerivationPrf.HMACSHA512, big-endian at bytes 1–4)
        Assert.True(PasswordSignIn.Verify(dora, Password));
        Assert.False(PasswordSignIn.Verify(dora, Password + "!"));
        Assert.NotNull(PasswordSignIn.Weak("short"));
    }

    [Fact]
    public async Task With_no_user_the_service_answers_only_health_and_says_how_to_create_the_first_admin()
    {
        await using var service = await RunningService.StartWithoutUsersAsync();
        var client = service.NewClient();
        Assert.Equal(200, await SendAsync(client, HttpMethod.Get, "/health"));
        foreach (var path in new[] { "/", "/api/halls", "/auth/session", "/metrics" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("cooling-supervisor users add --name <name> --role admin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        service.AddUser("first-admin", Role.Admin, Password);
        Assert.Equal(401, await SendAsync(client, HttpMethod.Get, "/api/halls"));
        Assert.Equal(200, await LoginAsync(client, "first-admin", Password));
    }
}
