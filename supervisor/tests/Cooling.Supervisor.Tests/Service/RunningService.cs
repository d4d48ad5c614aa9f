using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Cooling.Supervisor.Service.Hosting;
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
/// MQTT client that plays the racks and CDUs.
/// </summary>
internal sealed class RunningService : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly WebApplication _app;

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

    public static async Task<RunningService> StartAsync(params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("cooling-service-");
        var time = new FakeTimeProvider(Start);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Cooling:Mqtt:EmbeddedBrokerPort=0",
            "--Cooling:Mqtt:EmbeddedBrokerAnonymousLab=true", // the test devices carry no broker identity
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
        var broker = app.Services.GetRequiredService<SupervisorRuntime>().Broker!;
        var devices = new MqttClientFactory().CreateMqttClient();
        try
        {
            await devices.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("devices").WithCleanSession().Build());
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // a test of an unreachable broker: the devices stay disconnected too
        }

        return new RunningService(folder, app, http, devices) { Time = time };
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

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
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
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
