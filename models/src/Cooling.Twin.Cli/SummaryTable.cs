using System.Globalization;
using Cooling.Twin.Hall;
using Spectre.Console;

namespace Cooling.Twin.Cli;

/// <summary>The end-of-run table: one row per CDU and a hall total.</summary>
internal static class SummaryTable
{
    public static Table Create(IReadOnlyList<CduSummary> cdus, string title)
    {
        var table = new Table { Title = new TableTitle(title) };
        table.AddColumn("CDU");
        table.AddColumn("mode");
        table.AddColumn(new TableColumn("supply |Δ| mean K").RightAligned());
        table.AddColumn(new TableColumn("supply |Δ| max K").RightAligned());
        table.AddColumn(new TableColumn("hottest GPU max °C").RightAligned());
        table.AddColumn(new TableColumn("pump energy kWh").RightAligned());
        table.AddColumn(new TableColumn("IT heat kWh").RightAligned());
        table.AddColumn(new TableColumn("heat rejected kWh").RightAligned());
        table.AddColumn(new TableColumn("energy balance error %").RightAligned());
        foreach (var c in cdus)
        {
            table.AddRow(c.CduId, c.Mode, F(c.SupplyDeviationMeanKelvin, "0.000"), F(c.SupplyDeviationMaximumKelvin, "0.000"),
                F(c.HottestGpuMaximumCelsius, "0.0"), F(c.PumpEnergyKilowattHours, "0.00"), F(c.ItHeatKilowattHours, "0.0"),
                F(c.HeatRejectedKilowattHours, "0.0"), F(100 * c.EnergyBalanceError, "0.0000"));
        }

        if (cdus.Count > 1)
        {
            var it = cdus.Sum(c => c.ItHeatKilowattHours);
            var residual = cdus.Sum(c => c.EnergyBalanceError * c.ItHeatKilowattHours);
            table.AddRow("hall", "", F(cdus.Average(c => c.SupplyDeviationMeanKelvin), "0.000"), F(cdus.Select(c => c.SupplyDeviationMaximumKelvin).DefaultIfEmpty(double.NaN).Max(), "0.000"),
                F(cdus.Max(c => c.HottestGpuMaximumCelsius), "0.0"), F(cdus.Sum(c => c.PumpEnergyKilowattHours), "0.00"), F(it, "0.0"),
                F(cdus.Sum(c => c.HeatRejectedKilowattHours), "0.0"), F(it > 0 ? 100 * residual / it : 0, "0.0000"));
        }

        return table;
    }

    /// <summary>The value in <paramref name="format"/> ("–" when not a number; no "-0" for a value that rounds to zero).</summary>
    public static string F(double value, string format)
    {
        if (!double.IsFinite(value)) return "–";
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0 ? text[1..] : text;
    }
}
