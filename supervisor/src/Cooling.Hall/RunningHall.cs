using Cooling.Models.Plant;
using Cooling.Supervisor;
using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.Plausibility;
using Cooling.Supervisor.Storage;
using Cooling.Supervisor.Storage.Influx;
using Cooling.Supervisor.Storage.Sqlite;
using Cooling.Twin;
using Microsoft.Extensions.Logging;
using Cooling.Mqtt.Connection;

namespace Cooling.Hall;

/// <summary>
/// The composed hall: a broker (embedded unless one is given), the embedded store (and InfluxDB when given), the
/// supervisor and the twin, all on one <see cref="TimeProvider"/>. Started and stopped as one.
/// </summary>
public sealed class RunningHall : IAsyncDisposable
{
    private RunningHall(EmbeddedBroker? broker, BrokerAddress address, HallCredentials? credentials, SqliteTelemetryStore store, InfluxDbTelemetryStore? influx,
        SupervisorService supervisor, SimulatedHall twin)
    {
        Broker = broker;
        BrokerAddress = address;
        Credentials = credentials;
        Store = store;
        Influx = influx;
        Supervisor = supervisor;
        Twin = twin;
    }

    public EmbeddedBroker? Broker { get; }

    public BrokerAddress BrokerAddress { get; }

    /// <summary>The identities of the embedded broker and where their passwords are written; null on an external broker.</summary>
    public HallCredentials? Credentials { get; }

    public SqliteTelemetryStore Store { get; }

    /// <summary>The InfluxDB store when <see cref="HallOptions.InfluxDbUrl"/> is set.</summary>
    public InfluxDbTelemetryStore? Influx { get; }

    public SupervisorService Supervisor { get; }

    public SimulatedHall Twin { get; }

    public static async Task<RunningHall> StartAsync(HallOptions options, TimeProvider time, ILoggerFactory loggerFactory,
        HallDescription? description = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var hallDescription = description ?? new HallDescription
        {
            SiteId = options.SiteId,
            CduCount = options.CduCount,
            Loop = new LoopDescription { RackCount = options.RacksPerCdu },
        };
        // The embedded broker lets in only the hall's identities, each on its own topics; an external broker is
        // reached with the credentials its URL carries.
        var credentials = options.BrokerUrl is null ? HallCredentials.Create(hallDescription, options.CredentialsFolderOrDefault) : null;
        var broker = credentials is null ? null
            : await EmbeddedBroker.StartAsync(credentials.Access, options.EmbeddedBrokerPort, logger: loggerFactory.CreateLogger("broker"));
        var connection = BrokerConnectionOptions.Parse(options.BrokerUrl ?? broker!.Url);
        var address = connection.Resolve();
        var store = new SqliteTelemetryStore(new SqliteStoreOptions { Path = options.StorePath }, time, loggerFactory.CreateLogger("store"));
        var influx = options.InfluxDbUrl is null ? null : new InfluxDbTelemetryStore(new InfluxDbOptions
        {
            Url = new Uri(options.InfluxDbUrl),
            Database = options.InfluxDbDatabase,
            BufferDirectory = options.InfluxDbBufferDirectory
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.StorePath))!, "influxdb-buffer"),
        }, time, loggerFactory.CreateLogger("influxdb"));
        ITelemetryStore stores = influx is null ? store : new FanOutTelemetryStore(store, influx);
        var supervisorOptions = new SupervisorOptions
        {
            Plausibility = new PlausibilityOptions { Coolant = hallDescription.Loop.Coolant.Name }, // the heat balance on the twin's coolant
            ClientId = $"supervisor-{options.SiteId}",
            SiteIds = [hallDescription.SiteId],
            FixedSupplyTemperatureCelsius = options.SupplyTemperatureCelsius,
            LeaseSeconds = options.LeaseSeconds,
            RenewalSeconds = options.RenewalSeconds,
        };
        var supervisor = new SupervisorService(supervisorOptions, new FixedSetpointPlanner(options.SupplyTemperatureCelsius), stores, time, loggerFactory);
        var twin = credentials is null
            ? new SimulatedHall(hallDescription, connection, time, loggerFactory)
            : new SimulatedHall(hallDescription,
                name => credentials.For(name == SimulatedHall.RackAgentConnection ? HallCredentials.RackAgentName : name, connection), time, loggerFactory);
        var hall = new RunningHall(broker, address, credentials, store, influx, supervisor, twin);
        try
        {
            var timeout = TimeSpan.FromSeconds(10);
            await supervisor.StartAsync(credentials?.For(HallCredentials.SupervisorName, connection) ?? connection, timeout, cancellationToken);
            await twin.StartAsync(timeout, cancellationToken);
            return hall;
        }
        catch
        {
            await hall.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Twin.DisposeAsync();
        await Supervisor.DisposeAsync();
        await Store.DisposeAsync();
        if (Influx is not null)
        {
            await Influx.DisposeAsync();
        }
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }
}
