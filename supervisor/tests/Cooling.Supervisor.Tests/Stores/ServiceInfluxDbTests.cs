using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.Tests.Service;
using Cooling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>cooling-supervisor with Cooling:Store:Kind=influxdb: telemetry in SQLite and in a real InfluxDB 1.x.</summary>
public sealed class ServiceInfluxDbTests
{
    [Fact]
    public async Task The_service_configured_for_InfluxDB_writes_telemetry_to_SQLite_and_InfluxDB()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        var buffer = Directory.CreateTempSubdirectory("cooling-service-influx-");
        try
        {
            await using var service = await RunningService.StartAsync("--Cooling:Store:Kind=influxdb", $"--Cooling:Store:InfluxDb:Url={influx.Url}",
                "--Cooling:Store:InfluxDb:Database=site", $"--Cooling:Store:InfluxDb:BufferDirectory={buffer.FullName}");
            Assert.NotNull(service.Runtime.InfluxStore);
            for (var seq = 1; seq <= 5; seq++)
            {
                await service.PublishAsync("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry(seq));
                service.Time.Advance(TimeSpan.FromSeconds(1)); // the writer sends a batch every second of the service's clock
            }

            await RunningService.EventuallyAsync(async () =>
            {
                service.Time.Advance(TimeSpan.FromSeconds(1));
                var series = (await influx.DatabasesAsync()).Contains("site") ? await influx.QueryAsync("site", "SELECT COUNT(seq) FROM cdu_telemetry") : [];
                return series.Count == 1 && series[0].Column("count")[0].GetInt64() == 5;
            }, "five CDU telemetry points in InfluxDB");
            await service.Runtime.SqliteStore!.FlushAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(5L, service.Runtime.SqliteStore.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry"));
            var supply = (await influx.QueryAsync("site", "SELECT supply_temperature_celsius FROM cdu_telemetry WHERE cdu = 'cdu1'"))[0];
            Assert.All(supply.Column("supply_temperature_celsius"), v => Assert.Equal(30.02, v.GetDouble()));
        }
        finally
        {
            buffer.Delete(recursive: true);
        }
    }

    [Fact]
    public void InfluxDB_settings_are_checked_at_start_and_a_missing_address_is_named()
    {
        var app = SupervisorApp.Build(["--Cooling:Store:Kind=influxdb"]);
        var failures = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value).Failures;
        Assert.Contains(failures, f => f.StartsWith("Cooling:Store:InfluxDb:Url:", StringComparison.Ordinal));

        app = SupervisorApp.Build(["--Cooling:Store:History=influxdb"]);
        failures = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value).Failures;
        Assert.Equal(["Cooling:Store:History: influxdb needs Cooling:Store:Kind=influxdb (the service writes to InfluxDB only then)."], failures);

        app = SupervisorApp.Build(["--Cooling:Store:History=postgres"]);
        failures = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value).Failures;
        Assert.Equal(["Cooling:Store:History: must be sqlite, influxdb or empty (the store kind); got 'postgres'."], failures);

        app = SupervisorApp.Build(["--Cooling:Store:Kind=influxdb", "--Cooling:Store:InfluxDb:Url=http://influxdb:8086/", "--Cooling:Store:InfluxDb:BufferMaxMegabytes=1"]);
        Assert.Equal(1024 * 1024, app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value.Store.InfluxDb.ToOptions().BufferMaxBytes); // valid: smaller segments

        app = SupervisorApp.Build(["--Cooling:Store:Kind=influxdb", "--Cooling:Store:InfluxDb:Url=http://influxdb:8086/", "--Cooling:Store:InfluxDb:BatchSize=0"]);
        failures = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<CoolingOptions>>().Value).Failures;
        Assert.Contains(failures, f => f.StartsWith("Cooling:Store:InfluxDb:", StringComparison.Ordinal) && f.Contains("BatchSize"));
    }
}
