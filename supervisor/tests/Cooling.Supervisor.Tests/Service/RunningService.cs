using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.Service.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// cooling-supervisor started in-process as it runs in production — Kestrel on 127.0.0.1 (free port), its embedded
/// MQTT broker (free port), its SQLite file in a temporary folder — on simulated time; with an HTTP client and an
/// MQTT client that plays the racks and CDUs. <see cref="Http"/> sends an admin API token (user <see cref="AdminName"/>
/// exists, so the service is past its first-admin gate); <see cref="ClientAs"/> gives clients of other names and roles.
/// </summary>
internal sealed class RunningService : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    /// <summary>The admin user every service has (password <see cref="AdminPassword"/>); <see cref="Http"/> uses a token of this name.</summary>
    public const string AdminName = "test-admin";

    public const string AdminPassword = "admin password for tests";

    private RunningService(DirectoryInfo folder, WebApplication app, HttpClient http, IMqttClient devices)
    {
        _folder = folder;
        _app = app;
        Http = http;
        Devices = devices;
    }

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; private init; } = null!;

    public HttpClient Http { get; }

    /// <summary>An MQTT client on the service's broker, publishing as the racks and CDUs do.</summary>
    public IMqttClient Devices { get; }

    public SupervisorRuntime Runtime => _app.Services.GetRequiredService<SupervisorRuntime>();

    public string DatabasePath => Path.Combine(_folder.FullName, "supervisor.db");

    public static Task<RunningService> StartAsync(params string[] settings) => StartAsync(withAdmin: true, settings);

    /// <summary>The service as it first starts: no user at all.</summary>
    public static Task<RunningService> StartWithoutUsersAsync(params string[] settings) => StartAsync(withAdmin: false, settings);

    private static async Task<RunningService> StartAsync(bool withAdmin, string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("cooling-service-");
        var time = new FakeTimeProvider(Start);
        // The embedded broker enforces the site's identities: the supervisor signs in as "supervisor", the test's
        // devices as "devices" (a twin identity: every CDU and rack agent of hall1).
        var credentials = Path.Combine(folder.FullName, "broker");
        var identityFile = Path.Combine(folder.FullName, "site.json");
        File.WriteAllText(identityFile, """{"site":"hall1","identities":[{"name":"supervisor","kind":"supervisor"},{"name":"devices","kind":"twin"}]}""");
        SiteCredentials.Write(SiteInventory.Load(identityFile), credentials);
        string Password(string name) => File.ReadAllText(Path.Combine(credentials, SiteCredentials.SecretsFolderName, $"{name}.password")).Trim();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Cooling:Mqtt:EmbeddedBrokerPort=0",
            $"--Cooling:Mqtt:EmbeddedBrokerIdentityFile={identityFile}",
            $"--Cooling:Mqtt:EmbeddedBrokerPasswordFile={Path.Combine(credentials, SiteCredentials.PasswordFileName)}",
            "--Cooling:Mqtt:UserName=supervisor",
            $"--Cooling:Mqtt:Password={Password("supervisor")}",
            "--Cooling:Supervisor:SiteIds:0=hall1",
            $"--Cooling:Store:SqlitePath={Path.Combine(folder.FullName, "supervisor.db")}",
            .. settings,
        ];
        var app = SupervisorApp.Build(args, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.RemoveAll<ILoggerProvider>();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        if (withAdmin)
        {
            app.Services.GetRequiredService<UserStore>().Add(AdminName, Role.Admin, PasswordSignIn.Hash(AdminPassword), time.GetUtcNow());
            var (_, secret) = app.Services.GetRequiredService<TokenStore>().Create(AdminName, Role.Admin, "tests", time.GetUtcNow());
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        }

        var broker = app.Services.GetRequiredService<SupervisorRuntime>().Broker!;
        var devices = new MqttClientFactory().CreateMqttClient();
        try
        {
            await devices.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("devices").WithCredentials("devices", Password("devices"))
                .WithCleanSession().Build());
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // a test of an unreachable broker: the devices stay disconnected too
        }

        return new RunningService(folder, app, http, devices) { Time = time };
    }

    public UserStore Users => _app.Services.GetRequiredService<UserStore>();

    public AuditLog Audit => _app.Services.GetRequiredService<AuditLog>();

    /// <summary>Adds a user with a password (hashed as the <c>users add</c> command does).</summary>
    public void AddUser(string name, Role role, string password) =>
        Assert.True(Users.Add(name, role, PasswordSignIn.Hash(password), Time.GetUtcNow()), $"user {name} exists already");

    /// <summary>A client with an API token of <paramref name="name"/> and <paramref name="role"/>; disposed with the service.</summary>
    public HttpClient ClientAs(string name, Role role)
    {
        var (_, secret) = _app.Services.GetRequiredService<TokenStore>().Create(name, role, "tests", Time.GetUtcNow());
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A client with no credentials and its own cookies (for sessions); disposed with the service.</summary>
    public HttpClient NewClient()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true })
        {
            BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10),
        };
        _clients.Add(client);
        return client;
    }

    public async Task PublishAsync(string topic, byte[] payload, bool retain = false) =>
        await Devices.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public Task<(int Status, JsonElement Body)> PostJsonAsync(string path, object body) => PostJsonAsync(Http, path, body);

    public static async Task<(int Status, JsonElement Body)> PostJsonAsync(HttpClient client, string path, object? body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The value of one sample of /metrics, e.g. <c>cooling_store_rows_written_total</c> or one with labels.</summary>
    public async Task<double> MetricAsync(string sample)
    {
        var text = await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"/metrics has no sample {sample}");
        return double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits (real time, for messages on the wire) until <paramref name="condition"/> holds; fails after 10 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Devices.IsConnected) await Devices.DisconnectAsync();
        Devices.Dispose();
        Http.Dispose();
        foreach (var client in _clients) client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
