using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Service.Security;
using Cooling.Testing;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// The first start as an operator meets it, with the real executables: <c>cooling-supervisor</c> on an empty database
/// logs how to create the first admin and answers only /health; <c>cooling-supervisor users add</c>, given the
/// password on standard input, creates the admin, who then signs in to the running service.
/// </summary>
public sealed class FirstAdminProcessTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-first-admin-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static ProcessStartInfo Supervisor(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.ArgumentList.Add(DotnetProcess.BesideTests("cooling-supervisor.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    [Fact]
    public async Task The_service_without_users_says_how_to_create_the_first_admin_and_the_command_creates_one()
    {
        const string password = "first admin's own password";
        var database = Path.Combine(_folder.FullName, "supervisor.db");
        var port = FreePort.OnLoopback();
        // As a site runs it: the embedded broker with the site's identities, the supervisor signed in as its own.
        var identityFile = Path.Combine(_folder.FullName, "site.json");
        File.WriteAllText(identityFile, """{"site":"hall1","identities":[{"name":"supervisor","kind":"supervisor"}]}""");
        var credentials = Path.Combine(_folder.FullName, "broker");
        SiteCredentials.Write(SiteInventory.Load(identityFile), credentials);
        var start = Supervisor("--sqlite", database, "--urls", $"http://127.0.0.1:{port}", "--Cooling:Mqtt:EmbeddedBrokerPort=0",
            $"--Cooling:Mqtt:EmbeddedBrokerIdentityFile={identityFile}",
            $"--Cooling:Mqtt:EmbeddedBrokerPasswordFile={Path.Combine(credentials, SiteCredentials.PasswordFileName)}",
            "--Cooling:Mqtt:UserName=supervisor", "--Cooling:Supervisor:SiteIds:0=hall1");
        start.Environment["Cooling__Mqtt__Password"] = File.ReadAllText(Path.Combine(credentials, SiteCredentials.SecretsFolderName, "supervisor.password")).Trim();
        using var service = Process.Start(start)!;
        var log = new StringBuilder();
        service.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        service.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!Logged(log, "cooling-supervisor users add --name <name> --role admin"))
            {
                Assert.True(DateTime.UtcNow < deadline && !service.HasExited, $"the service did not say how to create the first admin:\n{log}");
                await Task.Delay(50);
            }

            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10),
            };
            using (var health = await http.GetAsync(new Uri("/health", UriKind.Relative)))
            {
                Assert.Contains("\"status\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the health report, not the gate's refusal
            }

            Assert.Equal(503, (int)(await http.GetAsync(new Uri("/api/halls", UriKind.Relative))).StatusCode);

            using (var add = Process.Start(Supervisor("users", "add", "--name", "alice", "--role", "admin", "--sqlite", database))!)
            {
                await add.StandardInput.WriteLineAsync(password);
                add.StandardInput.Close();
                var output = await add.StandardOutput.ReadToEndAsync();
                await add.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
                Assert.True(add.ExitCode == 0, output + await add.StandardError.ReadToEndAsync());
                Assert.Contains("user 'alice' added with role admin", output, StringComparison.Ordinal);
            }

            var session = await http.GetFromJsonAsync<JsonElement>("/auth/session");
            using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/login", UriKind.Relative)) { Content = JsonContent.Create(new { name = "alice", password }) };
            login.Headers.Add(CsrfCheck.HeaderName, session.GetProperty("csrfToken").GetString());
            using var signedIn = await http.SendAsync(login);
            Assert.Equal(200, (int)signedIn.StatusCode);
            Assert.Equal(200, (int)(await http.GetAsync(new Uri("/api/halls", UriKind.Relative))).StatusCode);
        }
        finally
        {
            if (!service.HasExited)
            {
                using var term = Process.Start("kill", ["-s", "TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
                if (!service.WaitForExit(TimeSpan.FromSeconds(30))) service.Kill(entireProcessTree: true);
            }
        }
    }

    private static bool Logged(StringBuilder log, string text)
    {
        lock (log) return log.ToString().Contains(text, StringComparison.Ordinal);
    }
}
