using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Tests.Planning;

/// <summary>Loop observations for planner tests.</summary>
internal static class Observations
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static CduObservation Cdu(double supplyTarget = 30, double? deltaPressureTarget = 120, double dewPoint = 11) =>
        new(Start, supplyTarget, supplyTarget + 10, supplyTarget, deltaPressureTarget, deltaPressureTarget, 700, 80, dewPoint, 24);

    public static RackObservation Rack(string id, double hottest, DateTimeOffset at) =>
        new(id, at, 30, 175, 126_000, 100_000, 72, hottest, 0);

    public static LoopObservation Loop(double seconds, CduObservation cdu, params double[] hottest) =>
        new("cdu1", Start.AddSeconds(seconds), cdu, [.. hottest.Select((t, i) => Rack($"cdu1-r{i + 1:D2}", t, Start.AddSeconds(seconds)))]);
}
