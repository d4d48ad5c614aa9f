using Cdu.Firmware;

namespace Cooling.Twin.Hall;

/// <summary>One CDU's figures at the end of a run (see <see cref="LoopStatistics"/> for how each is taken).</summary>
public sealed record CduSummary(
    string CduId,
    string Mode,
    double SupplyDeviationMeanKelvin,
    double SupplyDeviationMaximumKelvin,
    double HottestGpuMaximumCelsius,
    double PumpEnergyKilowattHours,
    double ItHeatKilowattHours,
    double HeatRejectedKilowattHours,
    double EnergyBalanceError,
    long MessagesPublished)
{
    private const double JoulesPerKilowattHour = 3.6e6;

    /// <summary>The figures of <paramref name="loop"/> now.</summary>
    public static CduSummary Of(TwinLoop loop, long messagesPublished) =>
        Of(loop.CduId, FirmwareInfo.ModeName(loop.Controller.Mode), loop.Statistics, messagesPublished);

    /// <summary>The figures of a CDU from its statistics.</summary>
    public static CduSummary Of(string cduId, string mode, LoopStatistics s, long messagesPublished)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new CduSummary(cduId, mode, s.SupplyDeviationMeanKelvin, s.SupplyDeviationMaximumKelvin,
            s.HottestGpuMaximumCelsius, s.PumpEnergyJoules / JoulesPerKilowattHour, s.ItHeatJoules / JoulesPerKilowattHour,
            s.HeatRejectedJoules / JoulesPerKilowattHour, s.EnergyBalanceError, messagesPublished);
    }
}
