using System.Globalization;
using System.Text;
using Cdu.Firmware.Config;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests.Config;

/// <summary>
/// docs/firmware-parameters.md is generated from <see cref="ParameterTable"/>: this test fails when the two differ.
/// After changing the table, regenerate with <c>CDU_UPDATE_DOCS=1 dotnet test --filter ParameterReference</c>.
/// </summary>
public sealed class ParameterReferenceTests
{
    private static string DocumentPath => Path.Combine(RepositoryRoot.Path, "docs", "firmware-parameters.md");

    public static string Render()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Firmware parameters");
        sb.AppendLine();
        sb.AppendLine("Generated from `firmware/src/Cdu.Firmware/Config/ParameterTable.cs` — the one table that configuration validation");
        sb.AppendLine("also reads. Do not edit by hand: change the table, then run");
        sb.AppendLine("`CDU_UPDATE_DOCS=1 dotnet test firmware/tests/Cdu.Firmware.Tests --filter ParameterReference`.");
        sb.AppendLine();
        sb.AppendLine("A configuration update over MQTT (`…/config/set`, see [mqtt.md](mqtt.md)) names parameters exactly as below.");
        sb.AppendLine("Values outside the range, fractions where a whole number is required, and breaches of the rules between");
        sb.AppendLine("parameters (listed after the table) refuse the whole update.");
        sb.AppendLine();
        sb.AppendLine("| parameter | unit | default | minimum | maximum | meaning |");
        sb.AppendLine("|---|---|---|---|---|---|");
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            var p = ParameterTable.Get(i);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| `{p.Name}` | {p.Unit} | {F(p.DefaultValue)} | {F(p.Minimum)} | {F(p.Maximum)} | {p.Description}{(p.Integer ? " Whole numbers." : "")} |");
        }

        sb.AppendLine();
        sb.AppendLine("Rules between parameters: `supply.minimumSetpointCelsius` ≤ `supply.maximumSetpointCelsius`; the fallback setpoint");
        sb.AppendLine("within them; `valve.minimumPercent` ≤ `valve.maximumPercent`; `pump.minimumSpeedPercent` ≤ `pump.maximumSpeedPercent`;");
        sb.AppendLine("`leak.warningPercent` ≤ `leak.criticalPercent`; `reservoir.lowLowPercent` ≤ `reservoir.lowPercent`;");
        sb.AppendLine("`lease.minimumSeconds` ≤ `lease.maximumSeconds`; `sensor.temperatureMinimumCelsius` < `sensor.temperatureMaximumCelsius`;");
        sb.AppendLine("`watchdog.overrunMilliseconds` ≥ `cycle.periodMilliseconds`; `pump.deltaPressureMinimumKpa` ≤ `pump.deltaPressureMaximumKpa`.");
        sb.AppendLine();
        sb.AppendLine("## Safety parameters and their hard limits");
        sb.AppendLine();
        sb.AppendLine("Generated from `firmware/src/Cdu.Firmware/Config/HardLimits.cs`. These parameters belong to a safety function");
        sb.AppendLine("(leak isolation, the reservoir and dry-run trips, the watchdog, the lease, the supply envelope). The firmware");
        sb.AppendLine("has hard limits for them compiled in, narrower than the range above where a value in that range would switch");
        sb.AppendLine("the function off or make it too slow for its requirement. No configuration passes them: a `config/set` is");
        sb.AppendLine("refused with e.g. `leak.criticalPercent 100 outside the firmware's hard limit 5 … 50`, and a stored or imported");
        sb.AppendLine("document outside them is not loaded (the defaults are, with ConfigurationDefaultsLoaded).");
        sb.AppendLine();
        sb.AppendLine("| parameter | hard minimum | hard maximum | why |");
        sb.AppendLine("|---|---|---|---|");
        for (var i = 0; i < HardLimits.Count; i++)
        {
            var p = ParameterTable.Get(HardLimits.ParameterAt(i));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| `{p.Name}` | {F(HardLimits.MinimumAt(i))} | {F(HardLimits.MaximumAt(i))} | {HardLimits.RationaleAt(i)} |");
        }

        return sb.ToString();
    }

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    [Fact]
    public void The_parameter_reference_in_the_docs_is_generated_from_the_table()
    {
        var expected = Render();
        if (Environment.GetEnvironmentVariable("CDU_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocumentPath, expected);
        }

        Assert.True(File.Exists(DocumentPath), "docs/firmware-parameters.md is missing: run with CDU_UPDATE_DOCS=1");
        Assert.Equal(expected, File.ReadAllText(DocumentPath));
    }

    [Fact]
    public void Every_default_is_valid_and_names_are_unique_with_units_in_them()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            var p = ParameterTable.Get(i);
            Assert.True(p.Accepts(p.DefaultValue), p.Name);
            Assert.True(names.Add(p.Name), $"duplicate {p.Name}");
            Assert.Equal(i, ParameterTable.IndexOf(p.Name));
            Assert.Matches("^[a-z]+\\.[a-zA-Z]+$", p.Name);
        }

        Assert.Null(new CduSettings().Validate());
        Assert.Equal(-1, ParameterTable.IndexOf("no.such"));
    }
}
