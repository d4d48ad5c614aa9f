namespace Cooling.Supervisor.Planning;

/// <summary>
/// Settings of <see cref="TrimAndRespondPlanner"/>, in the words of ASHRAE Guideline 36 (§5.1.14 trim and respond):
/// every <see cref="PeriodSeconds"/> the reset variable is trimmed by <see cref="TrimPercent"/>, or — when the racks
/// make more requests R than <see cref="IgnoredRequests"/> I — responded to by <see cref="RespondPercentPerRequest"/>·(R − I),
/// capped at <see cref="RespondMaximumPercent"/>. A rack makes 1 request when its hottest GPU is within
/// <see cref="RequestBandKelvin"/> of the planner's aim (limit − margin), 2 above the aim, 3 above the limit
/// (G36's "importance" multiplier, here by how hot).
/// </summary>
public sealed record TrimAndRespondOptions
{
    public double PeriodSeconds { get; init; } = 30;

    /// <summary>No trim or respond this long after the planner first sees a loop, s (G36 "Td").</summary>
    public double InitialDelaySeconds { get; init; } = 60;

    /// <summary>Change of the reset variable per period without requests, % (negative: towards warmer, less flow).</summary>
    public double TrimPercent { get; init; } = -1;

    public double RespondPercentPerRequest { get; init; } = 4;

    public double RespondMaximumPercent { get; init; } = 12;

    public int IgnoredRequests { get; init; }

    public double RequestBandKelvin { get; init; } = 3;

    /// <summary>Checks the settings; the message says what to change.</summary>
    public void Validate()
    {
        if (PeriodSeconds <= 0 || InitialDelaySeconds < 0) throw new ArgumentException("TrimAndRespondOptions: PeriodSeconds must be positive and InitialDelaySeconds not negative.");
        if (TrimPercent >= 0) throw new ArgumentException("TrimAndRespondOptions: TrimPercent must be negative (it trims towards less cooling).");
        if (RespondPercentPerRequest <= 0 || RespondMaximumPercent < RespondPercentPerRequest) throw new ArgumentException("TrimAndRespondOptions: RespondPercentPerRequest must be positive and at most RespondMaximumPercent.");
        if (IgnoredRequests < 0 || RequestBandKelvin <= 0) throw new ArgumentException("TrimAndRespondOptions: IgnoredRequests must not be negative and RequestBandKelvin must be positive.");
    }
}
