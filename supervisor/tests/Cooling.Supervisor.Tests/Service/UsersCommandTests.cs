using System.Net.Http.Json;
using System.Text.Json;
using Cooling.Supervisor.Service.Security;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// <c>cooling-supervisor users …</c> and <c>tokens …</c> on the supervisor's SQLite file: the first admin created from
/// standard input signs in to the service started on that file; weak passwords, unknown roles and duplicates are
/// refused with a message; a token printed once works as a bearer token until revoked.
/// </summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-users-");
    private readonly FakeTimeProvider _time = new(RunningService.Start);

    public void Dispose() => _folder.Delete(recursive: true);

    private string DatabasePath => Path.Combine(_folder.FullName, "supervisor.db");

    private async Task<(int Code, string Output)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        var code = await UsersCommand.RunAsync([.. args, "--sqlite", DatabasePath], new StringReader(stdin), output, _time);
        return (code, output.ToString());
    }

    [Fact]
    public async Task The_first_admin_is_created_from_standard_input_and_signs_in_to_the_service()
    {
        const string password = "the first admin's password";
        Assert.Equal(2, (await RunAsync("short\n", "users", "add", "--name", "alice", "--role", "admin")).Code);
        Assert.Equal(2, (await RunAsync(password + "\n", "users", "add", "--name", "alice", "--role", "superuser")).Code);
        Assert.Equal(2, (await RunAsync("", "users", "add", "--name", "alice", "--role", "admin")).Code);
        var (code, output) = await RunAsync(password + "\n", "users", "add", "--name", "alice", "--role", "admin");
        Assert.True(code == 0, output);
        Assert.Equal(1, (await RunAsync(password + "\n", "users", "add", "--name", "ALICE", "--role", "viewer")).Code);
        var list = await RunAsync("", "users", "list");
        Assert.StartsWith("alice\tadmin\t", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, list.Output, StringComparison.Ordinal);

        var (_, created) = await RunAsync("", "tokens", "create", "--name", "ci", "--role", "operator");
        var secret = created.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith(TokenStore.Prefix, StringComparison.Ordinal));

        await using var service = await RunningService.StartWithoutUsersAsync($"--Cooling:Store:SqlitePath={DatabasePath}");
        var browser = service.NewClient();
        var session = await browser.GetFromJsonAsync<JsonElement>("/auth/session");
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/login", UriKind.Relative)) { Content = JsonContent.Create(new { name = "alice", password }) };
        login.Headers.Add(CsrfCheck.HeaderName, session.GetProperty("csrfToken").GetString());
        using var signedIn = await browser.SendAsync(login);
        Assert.Equal(200, (int)signedIn.StatusCode);
        Assert.Equal("admin", (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());

        var ci = service.NewClient();
        ci.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(200, (int)(await ci.GetAsync(new Uri("/api/halls", UriKind.Relative))).StatusCode);
        var id = (await RunAsync("", "tokens", "list")).Output.Split('\t')[0];
        Assert.Equal(0, (await RunAsync("", "tokens", "revoke", "--id", id)).Code);
        Assert.Equal(1, (await RunAsync("", "tokens", "revoke", "--id", id)).Code);
        Assert.Equal(401, (int)(await ci.GetAsync(new Uri("/api/halls", UriKind.Relative))).StatusCode);

        Assert.Equal(0, (await RunAsync("", "users", "remove", "--name", "alice")).Code);
        Assert.Equal(1, (await RunAsync("", "users", "remove", "--name", "alice")).Code);
        Assert.Contains(service.Audit.Query(RunningService.Start.AddDays(-1), RunningService.Start.AddDays(1), 100),
            e => e.Action == "user.add" && e.Target == "user alice" && e.User.StartsWith("local:", StringComparison.Ordinal));
    }
}
