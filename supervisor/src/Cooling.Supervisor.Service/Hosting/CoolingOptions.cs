using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Service.Hosting;

/// <summary>
/// Everything under the <c>Cooling</c> configuration section (appsettings.json, environment variables such as
/// <c>Cooling__Mqtt__Url</c>, command line such as <c>--Cooling:Mqtt:Url=…</c>). With nothing set the service runs on
/// its embedded broker (127.0.0.1:1883) and its embedded SQLite store.
/// </summary>
public sealed class CoolingOptions
{
    public const string Section = "Cooling";

    public MqttOptions Mqtt { get; set; } = new();

    public StoreOptions Store { get; set; } = new();

    public SupervisorOptions Supervisor { get; set; } = new();

    public PlannerOptions Planner { get; set; } = new();

    public AlarmOptions Alarms { get; set; } = new();

    public HealthOptions Health { get; set; } = new();

    /// <summary>Sign-in, sessions and the login limits (docs/security.md).</summary>
    public Security.SecurityOptions Security { get; set; } = new();
}

/// <summary>The broker: an external one by URL, or the embedded one when <see cref="Url"/> is empty.</summary>
public sealed class MqttOptions
{
    /// <summary><c>mqtt://[user:password@]host[:port]</c> (default port 1883) or <c>mqtts://…</c> (TLS, default 8883); empty: embedded broker.</summary>
    public string? Url { get; set; }

    /// <summary>User name on the broker (overrides one in the URL).</summary>
    public string? UserName { get; set; }

    /// <summary>Password on the broker (overrides one in the URL); better given by environment than in a file.</summary>
    public string? Password { get; set; }

    /// <summary>PEM file of the CA certificate(s) that signed the broker's certificate (mqtts only); default: the system's trusted roots.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Accept any broker certificate (mqtts only; self-signed test brokers, never a site).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>The connection settings of an external broker (<see cref="Url"/> set).</summary>
    public BrokerConnectionOptions Connection() => new()
    {
        Url = Url ?? "",
        UserName = string.IsNullOrEmpty(UserName) ? null : UserName,
        Password = string.IsNullOrEmpty(Password) ? null : Password,
        CaCertificatePath = string.IsNullOrEmpty(CaCertificatePath) ? null : CaCertificatePath,
        AllowUntrustedCertificates = AllowUntrustedCertificates,
    };

    /// <summary>Port of the embedded broker on 127.0.0.1; 0 picks a free one.</summary>
    public int EmbeddedBrokerPort { get; set; } = 1883;

    /// <summary>
    /// The embedded broker's site identity file (JSON: the site and its identities, docs/security.md); with it the
    /// embedded broker lets in only those identities and only on their topics.
    /// </summary>
    public string? EmbeddedBrokerIdentityFile { get; set; }

    /// <summary>The identities' passwords for the embedded broker: a mosquitto password file (the one mosquitto reads).</summary>
    public string? EmbeddedBrokerPasswordFile { get; set; }

    /// <summary>PEM file of the site CA that signs the identities' client certificates (common name = identity name).</summary>
    public string? EmbeddedBrokerClientCaFile { get; set; }

    /// <summary>
    /// LAB ONLY: the embedded broker lets in anonymous clients and enforces no topic rules (logged as a warning). Off by
    /// default; without it the embedded broker needs <see cref="EmbeddedBrokerIdentityFile"/>.
    /// </summary>
    public bool EmbeddedBrokerAnonymousLab { get; set; }

    /// <summary>Port of the embedded broker's TLS endpoint on 127.0.0.1 (with <see cref="EmbeddedBrokerCertificateFile"/>); 0 picks a free one.</summary>
    public int EmbeddedBrokerTlsPort { get; set; } = 8883;

    /// <summary>PEM certificate of the embedded broker's TLS endpoint (signed by the site CA); empty: no TLS endpoint.</summary>
    public string? EmbeddedBrokerCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="EmbeddedBrokerCertificateFile"/>.</summary>
    public string? EmbeddedBrokerKeyFile { get; set; }

    /// <summary>The TLS endpoint asks every client for a certificate signed by <see cref="EmbeddedBrokerClientCaFile"/>.</summary>
    public bool EmbeddedBrokerRequireClientCertificate { get; set; }

    /// <summary>Who the embedded broker lets in: the identity file's identities, or (lab only, when asked) anyone.</summary>
    public BrokerAccess EmbeddedBrokerAccess()
    {
        if (!string.IsNullOrEmpty(EmbeddedBrokerIdentityFile))
        {
            return BrokerAccess.Load(EmbeddedBrokerIdentityFile, NullIfEmpty(EmbeddedBrokerPasswordFile), NullIfEmpty(EmbeddedBrokerClientCaFile));
        }

        return EmbeddedBrokerAnonymousLab
            ? BrokerAccess.AnonymousLab
            : throw new InvalidOperationException("Cooling:Mqtt:EmbeddedBrokerIdentityFile: the embedded broker needs the site's identities "
                + "(with EmbeddedBrokerPasswordFile and/or EmbeddedBrokerClientCaFile), or Cooling:Mqtt:EmbeddedBrokerAnonymousLab=true for a lab (docs/security.md).");
    }

    /// <summary>The embedded broker's TLS endpoint, or null without a certificate.</summary>
    public EmbeddedBrokerTls? EmbeddedBrokerTls() => string.IsNullOrEmpty(EmbeddedBrokerCertificateFile)
        ? null
        : new EmbeddedBrokerTls(EmbeddedBrokerTlsPort, EmbeddedBrokerCertificateFile, EmbeddedBrokerKeyFile ?? "", EmbeddedBrokerRequireClientCertificate);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>How long start-up waits for the first connection before it goes on and keeps retrying in the background, s.</summary>
    public double ConnectTimeoutSeconds { get; set; } = 10;
}

/// <summary>Where telemetry, setpoints, acknowledgements, events and alarm history are kept.</summary>
public sealed class StoreOptions
{
    public const string Sqlite = "sqlite";
    public const string InfluxDbKind = "influxdb";

    /// <summary><c>sqlite</c> (embedded, default) or <c>influxdb</c>.</summary>
    public string Kind { get; set; } = Sqlite;

    /// <summary>The supervisor's SQLite database: the telemetry store (kind sqlite) and the alarm history (always).</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "supervisor.db");

    /// <summary>Kind influxdb: telemetry, setpoints, acknowledgements and events go to this InfluxDB 1.x as well as to SQLite.</summary>
    public Storage.Influx.InfluxDbSettings InfluxDb { get; set; } = new();

    /// <summary>
    /// Where the history API reads: <c>sqlite</c> or <c>influxdb</c> (needs kind influxdb); empty (default): the store
    /// <see cref="Kind"/> names.
    /// </summary>
    public string? History { get; set; }

    /// <summary>The history source in force: <see cref="History"/>, or <see cref="Kind"/> when that is empty.</summary>
    public string HistorySource => string.IsNullOrWhiteSpace(History) ? Kind : History;
}

/// <summary>Which planner chooses the setpoints, and its settings.</summary>
public sealed class PlannerOptions
{
    public const string FixedKind = "fixed";
    public const string TrimAndRespondKind = "trim-and-respond";
    public const string ModelKind = "model";

    /// <summary><c>fixed</c> (Cooling:Supervisor:FixedSupplyTemperatureCelsius for every CDU, the baseline), <c>trim-and-respond</c> (ASHRAE Guideline 36) or <c>model</c> (model-based, trim and respond as its fallback; docs/planner.md).</summary>
    public string Kind { get; set; } = FixedKind;

    /// <summary>The loop's allowed range, slew limits, dew-point margin and GPU limit (trim-and-respond, model).</summary>
    public LoopLimits Limits { get; set; } = new();

    /// <summary>Trim-and-respond period, trim, respond and ignored requests.</summary>
    public TrimAndRespondOptions TrimAndRespond { get; set; } = new();

    /// <summary>The model-based planner's settings (design GPU power, confidence criteria, feedforward, energy proxy).</summary>
    public ModelBasedPlannerOptions Model { get; set; } = new();

    /// <summary>The planner these settings describe.</summary>
    public ISetpointPlanner Create(SupervisorOptions supervisor) => Kind switch
    {
        TrimAndRespondKind => new TrimAndRespondPlanner(Limits, TrimAndRespond),
        ModelKind => new ModelBasedPlanner(Limits, Model, TrimAndRespond),
        _ => new FixedSetpointPlanner(supervisor.FixedSupplyTemperatureCelsius),
    };
}

/// <summary>What /health calls degraded.</summary>
public sealed class HealthOptions
{
    /// <summary>With no rack or CDU telemetry newer than this the service reports Degraded, s.</summary>
    public double TelemetryStaleSeconds { get; set; } = 10;
}
