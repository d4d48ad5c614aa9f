using Cooling.Supervisor.Api;
using Cooling.Supervisor.Service.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cooling.Supervisor.Service.Health;

/// <summary>/health: is the broker connected (Unhealthy when not).</summary>
public sealed class BrokerHealthCheck(SupervisorRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["broker"] = runtime.Broker?.ToString() ?? "none", ["embedded"] = runtime.BrokerIsEmbedded };
        var result = !runtime.Started
            ? HealthCheckResult.Unhealthy("the supervisor has not started", data: data)
            : runtime.Supervisor.IsConnected
                ? HealthCheckResult.Healthy($"connected to {runtime.Broker}", data)
                : HealthCheckResult.Unhealthy($"not connected to {runtime.Broker}; retrying", data: data);
        return Task.FromResult(result);
    }
}

/// <summary>/health: the store's counters (Degraded when rows were dropped or the queue is more than half full).</summary>
public sealed class StoreHealthCheck(SupervisorRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (runtime.SqliteStore is not { } store)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the store is not open"));
        }

        var data = new Dictionary<string, object>
        {
            ["kind"] = runtime.Options.Store.Kind,
            ["rowsWritten"] = store.Written,
            ["rowsDropped"] = store.Dropped,
            ["queueDepth"] = store.QueueDepth,
        };
        var result = store.Dropped > 0
            ? HealthCheckResult.Degraded($"{store.Dropped} rows dropped since start", data: data)
            : store.QueueDepth > SqliteQueueCapacity / 2
                ? HealthCheckResult.Degraded($"write queue {store.QueueDepth} rows deep", data: data)
                : HealthCheckResult.Healthy($"{store.Written} rows written", data);
        return Task.FromResult(result);
    }

    private const int SqliteQueueCapacity = 100_000;
}

/// <summary>/health: age of the newest rack or CDU telemetry (Degraded when none arrived, or none recently).</summary>
public sealed class TelemetryHealthCheck(SupervisorRuntime runtime, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!runtime.Started)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the supervisor has not started"));
        }

        var hall = runtime.Supervisor.Hall;
        var newest = CduStatus.NewestTelemetry(hall);
        var data = new Dictionary<string, object> { ["racks"] = hall.Racks.Count, ["cdus"] = hall.Cdus.Count };
        if (newest is null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("no telemetry received yet", data: data));
        }

        var age = (time.GetUtcNow() - newest.Value).TotalSeconds;
        data["lastTelemetryAgeSeconds"] = Math.Round(age, 3);
        return Task.FromResult(age > runtime.Options.Health.TelemetryStaleSeconds
            ? HealthCheckResult.Degraded($"last telemetry {age:F0} s ago", data: data)
            : HealthCheckResult.Healthy($"last telemetry {age:F1} s ago", data));
    }
}
