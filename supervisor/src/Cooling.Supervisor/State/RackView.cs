using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>The latest that the supervisor knows of one rack.</summary>
public sealed record RackView(string SiteId, string RackId, RackTelemetry Telemetry, DateTimeOffset ReceivedAt);
