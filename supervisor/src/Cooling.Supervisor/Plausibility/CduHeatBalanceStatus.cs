namespace Cooling.Supervisor.Plausibility;

/// <summary>
/// What the supervisor makes of a CDU's heat balance now (<see cref="CduHeatBalanceJudge"/>): whether the planner
/// trusts the CDU's telemetry, since when, the latest message's mismatch and why, and how many messages contradicted it.
/// </summary>
/// <param name="Implausible">True while the telemetry contradicts the balance (after the dwell): the planner does not plan on it.</param>
/// <param name="Since">Since when <paramref name="Implausible"/> holds.</param>
/// <param name="Reason">The latest message's judgement, e.g. the measured mismatch.</param>
/// <param name="MismatchKelvin">The latest message's distance beyond tolerance, K (0 when it agrees or was not judged).</param>
/// <param name="MismatchWatts">The same as heat at the secondary flow, W (NaN without a flow).</param>
/// <param name="ImplausibleMessages">Messages that contradicted the balance since the supervisor started.</param>
/// <param name="JudgedMessages">Messages judged (the others lacked a value the balance needs) since the supervisor started.</param>
public sealed record CduHeatBalanceStatus(bool Implausible, DateTimeOffset Since, string Reason, double MismatchKelvin, double MismatchWatts, long ImplausibleMessages,
    long JudgedMessages)
{
    public static CduHeatBalanceStatus Unjudged { get; } = new(false, default, "no telemetry judged yet", 0, 0, 0, 0);
}
