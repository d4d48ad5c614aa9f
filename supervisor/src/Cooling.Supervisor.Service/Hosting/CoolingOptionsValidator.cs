using Microsoft.Extensions.Options;

namespace Cooling.Supervisor.Service.Hosting;

/// <summary>Checks the configuration at start-up; every failure names the setting (e.g. <c>Cooling:Mqtt:Url</c>) and what to write.</summary>
public sealed class CoolingOptionsValidator : IValidateOptions<CoolingOptions>
{
    public ValidateOptionsResult Validate(string? name, CoolingOptions options)
    {
        var errors = new List<string>();
        var mqtt = options.Mqtt;
        if (!string.IsNullOrWhiteSpace(mqtt.Url))
        {
            try
            {
                mqtt.Connection().Resolve();
            }
            catch (ArgumentException ex)
            {
                var setting = ex.Message.StartsWith("CaCertificatePath", StringComparison.Ordinal) ? "CaCertificatePath" : "Url";
                errors.Add($"Cooling:Mqtt:{setting}: {ex.Message}");
            }
        }
        else if (!string.IsNullOrEmpty(mqtt.CaCertificatePath) || mqtt.AllowUntrustedCertificates)
        {
            errors.Add("Cooling:Mqtt:CaCertificatePath: applies to an external mqtts:// broker only (Cooling:Mqtt:Url is empty: the supervisor reaches its embedded broker over loopback).");
        }

        if (string.IsNullOrWhiteSpace(mqtt.Url))
        {
            if (mqtt.EmbeddedBrokerAnonymousLab && !string.IsNullOrEmpty(mqtt.EmbeddedBrokerIdentityFile))
                errors.Add("Cooling:Mqtt:EmbeddedBrokerAnonymousLab: a lab broker has no identities; leave EmbeddedBrokerIdentityFile empty or turn the lab mode off.");
            if (!string.IsNullOrEmpty(mqtt.EmbeddedBrokerIdentityFile) && string.IsNullOrEmpty(mqtt.EmbeddedBrokerPasswordFile) && string.IsNullOrEmpty(mqtt.EmbeddedBrokerClientCaFile))
                errors.Add("Cooling:Mqtt:EmbeddedBrokerPasswordFile: the identities need a password file, a client CA (EmbeddedBrokerClientCaFile), or both.");
            if (!string.IsNullOrEmpty(mqtt.EmbeddedBrokerCertificateFile) && string.IsNullOrEmpty(mqtt.EmbeddedBrokerKeyFile))
                errors.Add("Cooling:Mqtt:EmbeddedBrokerKeyFile: the TLS endpoint's certificate needs its private key.");
            if (mqtt.EmbeddedBrokerTlsPort is < 0 or > 65535) errors.Add($"Cooling:Mqtt:EmbeddedBrokerTlsPort: must be 0 … 65535 (0 picks a free port); got {mqtt.EmbeddedBrokerTlsPort}.");
        }

        if (mqtt.EmbeddedBrokerPort is < 0 or > 65535) errors.Add($"Cooling:Mqtt:EmbeddedBrokerPort: must be 0 … 65535 (0 picks a free port); got {mqtt.EmbeddedBrokerPort}.");
        if (!(mqtt.ConnectTimeoutSeconds is > 0 and <= 600)) errors.Add($"Cooling:Mqtt:ConnectTimeoutSeconds: must be above 0 and at most 600; got {mqtt.ConnectTimeoutSeconds}.");
        if (mqtt.Password is not null && mqtt.UserName is null && !(mqtt.Url?.Contains('@', StringComparison.Ordinal) ?? false))
        {
            errors.Add("Cooling:Mqtt:Password: is set without Cooling:Mqtt:UserName.");
        }

        var store = options.Store;
        switch (store.Kind)
        {
            case StoreOptions.Sqlite:
                break;
            case StoreOptions.InfluxDbKind:
                errors.AddRange(store.InfluxDb.Validate("Cooling:Store:InfluxDb"));
                break;
            default:
                errors.Add($"Cooling:Store:Kind: must be sqlite or influxdb; got '{store.Kind}'.");
                break;
        }

        if (!string.IsNullOrWhiteSpace(store.History) && store.History is not (StoreOptions.Sqlite or StoreOptions.InfluxDbKind))
        {
            errors.Add($"Cooling:Store:History: must be sqlite, influxdb or empty (the store kind); got '{store.History}'.");
        }
        else if (store.History == StoreOptions.InfluxDbKind && store.Kind != StoreOptions.InfluxDbKind)
        {
            errors.Add("Cooling:Store:History: influxdb needs Cooling:Store:Kind=influxdb (the service writes to InfluxDB only then).");
        }

        if (string.IsNullOrWhiteSpace(store.SqlitePath)) errors.Add("Cooling:Store:SqlitePath: must name a file (default data/supervisor.db).");

        try
        {
            options.Supervisor.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add($"Cooling:Supervisor:{ex.Message}");
        }

        var planner = options.Planner;
        if (planner.Kind is not (PlannerOptions.FixedKind or PlannerOptions.TrimAndRespondKind or PlannerOptions.ModelKind))
        {
            errors.Add($"Cooling:Planner:Kind: must be fixed, trim-and-respond or model; got '{planner.Kind}'.");
        }
        else if (planner.Kind is PlannerOptions.TrimAndRespondKind or PlannerOptions.ModelKind)
        {
            Check(errors, "Cooling:Planner:Limits", planner.Limits.Validate, "LoopLimits: ");
            Check(errors, "Cooling:Planner:TrimAndRespond", planner.TrimAndRespond.Validate, "TrimAndRespondOptions: ");
            if (planner.Kind == PlannerOptions.ModelKind)
            {
                Check(errors, "Cooling:Planner:Model", planner.Model.Validate, "ModelBasedPlannerOptions: ");
            }
        }

        errors.AddRange(options.Alarms.Validate("Cooling:Alarms"));
        if (!(options.Health.TelemetryStaleSeconds is >= 1 and <= 86_400))
        {
            errors.Add($"Cooling:Health:TelemetryStaleSeconds: must be 1 … 86400; got {options.Health.TelemetryStaleSeconds}.");
        }

        errors.AddRange(options.Security.Validate());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Runs a Validate() that throws ArgumentException and names the section in front of its message.
    private static void Check(List<string> errors, string section, Action validate, string prefix)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            var message = ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
            errors.Add($"{section}: {message}");
        }
    }
}
