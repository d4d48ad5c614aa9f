using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Service.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cooling.Supervisor.Tests.Service;

public sealed class ServiceConfigurationTests
{
    private static IReadOnlyList<string> Failures(params string[] args)
    {
        var app = SupervisorApp.Build(args);
        var ex = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value);
        return [.. ex.Failures];
    }

    [Fact]
    public void With_no_configuration_the_defaults_are_the_embedded_broker_on_1883_and_the_embedded_store()
    {
        var options = SupervisorApp.Build([]).Services.GetRequiredService<IOptions<CoolingOptions>>().Value;

        Assert.True(string.IsNullOrEmpty(options.Mqtt.Url));
        Assert.Equal(1883, options.Mqtt.EmbeddedBrokerPort);
        Assert.Equal("sqlite", options.Store.Kind);
        Assert.Equal(Path.Combine("data", "supervisor.db"), options.Store.SqlitePath);
        Assert.Equal(83, options.Alarms.GpuTemperatureCelsius.Caution);
        Assert.Equal(30, options.Supervisor.LeaseSeconds);
    }

    [Fact]
    public void Environment_and_command_line_set_nested_keys_and_the_command_line_wins()
    {
        // Keys no other test depends on: the environment is shared by the tests running beside this one.
        Environment.SetEnvironmentVariable("Cooling__Alarms__RackOutletTemperatureCelsius__Caution", "50");
        Environment.SetEnvironmentVariable("Cooling__Alarms__RackOutletTemperatureCelsius__Critical", "58");
        try
        {
            var options = SupervisorApp.Build(["--Cooling:Alarms:RackOutletTemperatureCelsius:Critical=59", "--mqtt", "mqtts://ops:secret@broker.example:8884"])
                .Services.GetRequiredService<IOptions<CoolingOptions>>().Value;

            Assert.Equal(50, options.Alarms.RackOutletTemperatureCelsius.Caution);
            Assert.Equal(59, options.Alarms.RackOutletTemperatureCelsius.Critical);
            Assert.Equal("mqtts://ops:secret@broker.example:8884", options.Mqtt.Url);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Cooling__Alarms__RackOutletTemperatureCelsius__Caution", null);
            Environment.SetEnvironmentVariable("Cooling__Alarms__RackOutletTemperatureCelsius__Critical", null);
        }
    }

    [Fact]
    public void Every_invalid_setting_is_named_in_the_error()
    {
        var failures = Failures("--Cooling:Mqtt:Url=http://broker:1883", "--Cooling:Store:Kind=postgres", "--Cooling:Supervisor:RenewalSeconds=20",
            "--Cooling:Alarms:CduSupplyDeviationKelvin:Hysteresis=-1", "--Cooling:Mqtt:EmbeddedBrokerPort=70000", "--Cooling:Health:TelemetryStaleSeconds=0");

        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Cooling:Mqtt:Url: Broker URL 'http://broker:1883' is not usable", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cooling:Store:Kind: must be sqlite or influxdb; got 'postgres'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cooling:Supervisor:RenewalSeconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cooling:Alarms:CduSupplyDeviationKelvin:Hysteresis", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cooling:Mqtt:EmbeddedBrokerPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cooling:Health:TelemetryStaleSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void The_planner_is_chosen_by_configuration_and_its_settings_are_checked()
    {
        var options = SupervisorApp.Build(["--Cooling:Planner:Kind=trim-and-respond", "--Cooling:Planner:TrimAndRespond:PeriodSeconds=20"])
            .Services.GetRequiredService<IOptions<CoolingOptions>>().Value;
        var planner = Assert.IsType<Cooling.Supervisor.Planning.TrimAndRespondPlanner>(options.Planner.Create(options.Supervisor));
        Assert.Equal(20, planner.Options.PeriodSeconds);
        Assert.Equal("fixed", SupervisorApp.Build([]).Services.GetRequiredService<IOptions<CoolingOptions>>().Value.Planner.Create(new SupervisorOptions()).Name);

        var model = SupervisorApp.Build(["--Cooling:Planner:Kind=model", "--Cooling:Planner:Model:DesignGpuPowerWatts=1200", "--Cooling:Planner:Limits:GpuMarginKelvin=4"])
            .Services.GetRequiredService<IOptions<CoolingOptions>>().Value;
        var modelPlanner = Assert.IsType<Cooling.Supervisor.Planning.ModelBasedPlanner>(model.Planner.Create(model.Supervisor));
        Assert.Equal(1200, modelPlanner.Options.DesignGpuPowerWatts);
        Assert.Equal(4, modelPlanner.Limits.GpuMarginKelvin);
        Assert.StartsWith("Cooling:Planner:Model: ForgettingFactor must be 0.9",
            Assert.Single(Failures("--Cooling:Planner:Kind=model", "--Cooling:Planner:Model:ForgettingFactor=0.5")), StringComparison.Ordinal);

        Assert.StartsWith("Cooling:Planner:Kind: must be fixed, trim-and-respond or model; got 'mpc'", Assert.Single(Failures("--Cooling:Planner:Kind=mpc")), StringComparison.Ordinal);
        Assert.StartsWith("Cooling:Planner:Limits: DewPointMarginKelvin must be at least 2 K",
            Assert.Single(Failures("--Cooling:Planner:Kind=trim-and-respond", "--Cooling:Planner:Limits:DewPointMarginKelvin=1")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_a_bad_URL_is_not_repeated_in_the_error()
    {
        var failure = Assert.Single(Failures("--Cooling:Mqtt:Url=tcp://ops:secret@broker:1883"));

        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
        Assert.Contains("tcp://ops:***@broker:1883", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Broker_credentials_given_apart_override_those_in_the_URL_and_TLS_options_need_mqtts()
    {
        var options = SupervisorApp.Build(["--mqtt", "mqtts://ops:old@broker.example", "--Cooling:Mqtt:Password=new"])
            .Services.GetRequiredService<IOptions<CoolingOptions>>().Value;
        var endpoint = options.Mqtt.Connection().Resolve();

        Assert.Equal(("broker.example", 8883, true, "ops", "new"), (endpoint.Host, endpoint.Port, endpoint.UseTls, endpoint.UserName, endpoint.Password));
        Assert.DoesNotContain("new", endpoint.ToString(), StringComparison.Ordinal);
        var failure = Assert.Single(Failures("--Cooling:Mqtt:AllowUntrustedCertificates=true"));
        Assert.StartsWith("Cooling:Mqtt:CaCertificatePath: applies to an external mqtts:// broker only", failure, StringComparison.Ordinal);
        Assert.StartsWith("Cooling:Mqtt:CaCertificatePath:", Assert.Single(Failures("--mqtt", "mqtts://broker", "--Cooling:Mqtt:CaCertificatePath=/nonexistent/ca.pem")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_broker_URL_the_service_connects_to_that_broker_and_starts_no_broker_of_its_own()
    {
        await using var external = await EmbeddedBroker.StartAsync(BrokerAccess.AnonymousLab);
        var embeddedPort = EmbeddedBroker.FreeLoopbackPort();
        await using var service = await RunningService.StartAsync($"--Cooling:Mqtt:Url={external.Url}", $"--Cooling:Mqtt:EmbeddedBrokerPort={embeddedPort}");

        Assert.False(service.Runtime.BrokerIsEmbedded);
        Assert.Equal(external.Port, service.Runtime.Broker!.Port);
        Assert.True(service.Runtime.Supervisor.IsConnected);
        await service.PublishAsync("cooling/v1/hall1/rack/r07/telemetry", Messages.Rack(hottest: 70));
        await RunningService.EventuallyAsync(async () => (await service.Http.GetAsync(new Uri("/api/halls/hall1/racks/r07", UriKind.Relative))).IsSuccessStatusCode,
            "the rack through the external broker");
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync("127.0.0.1", embeddedPort));
    }

    [Fact]
    public async Task A_broker_that_cannot_be_reached_does_not_stop_the_service_and_health_says_so()
    {
        var nobody = EmbeddedBroker.FreeLoopbackPort();
        await using var service = await RunningService.StartAsync($"--Cooling:Mqtt:Url=mqtt://127.0.0.1:{nobody}", "--Cooling:Mqtt:ConnectTimeoutSeconds=0.5");

        using var response = await service.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Contains($"not connected to mqtt://127.0.0.1:{nobody}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
