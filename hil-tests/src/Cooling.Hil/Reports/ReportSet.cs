using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cooling.Hil.Reports;

/// <summary>
/// Writes a report folder: junit.xml, report.html, summary.json, then manifest.json with the SHA-256 of each of
/// them and of every scenario file (and workload trace) that was run, the build and the engineer's name, so that a
/// signed report can be checked later (<see cref="Verify"/>).
/// </summary>
public static class ReportSet
{
    public const string JUnitFile = "junit.xml";
    public const string HtmlFile = "report.html";
    public const string SummaryFile = "summary.json";
    public const string ManifestFile = "manifest.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static IReadOnlyList<string> Write(SuiteReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var junit = Path.Combine(folder, JUnitFile);
        JUnitReportWriter.Create(report).Save(junit);
        var html = Path.Combine(folder, HtmlFile);
        File.WriteAllText(html, HtmlReportWriter.Create(report), Utf8);
        var summary = Path.Combine(folder, SummaryFile);
        File.WriteAllText(summary, JsonSummaryWriter.Create(report), Utf8);

        var inputs = report.Results.Select(r => r.Scenario).DistinctBy(s => s.Source)
            .SelectMany(s => new[] { s.Source }.Concat(TraceFiles(s)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var manifest = new
        {
            report.Engineer,
            CreatedAt = report.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            report.Target,
            Build = new { report.Build.GitCommit, report.Build.AssemblyVersion },
            report.Passed,
            Artifacts = new[] { JUnitFile, HtmlFile, SummaryFile }.Select(f => Entry(Path.Combine(folder, f), f)),
            Scenarios = inputs.Select(path => Entry(path, path)),
        };
        var manifestPath = Path.Combine(folder, ManifestFile);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, JsonSummaryWriter.Options), Utf8);
        return [junit, html, summary, manifestPath];
    }

    /// <summary>Every artifact and scenario file whose SHA-256 no longer matches the manifest (empty: intact).</summary>
    public static IReadOnlyList<string> Verify(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ManifestFile)));
        var problems = new List<string>();
        foreach (var group in new[] { "artifacts", "scenarios" })
        {
            foreach (var entry in document.RootElement.GetProperty(group).EnumerateArray())
            {
                var file = entry.GetProperty("file").GetString()!;
                var path = group == "artifacts" ? Path.Combine(folder, file) : file;
                if (!File.Exists(path)) problems.Add($"{file}: missing");
                else if (Sha256(path) != entry.GetProperty("sha256").GetString()) problems.Add($"{file}: SHA-256 differs from the manifest");
            }
        }

        return problems;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static object Entry(string path, string name) => new { File = name, Sha256 = Sha256(path), Bytes = new FileInfo(path).Length };

    private static IEnumerable<string> TraceFiles(Scenarios.Scenario s)
    {
        var folder = Path.GetDirectoryName(s.Source) ?? ".";
        IEnumerable<Scenarios.WorkloadSpec> All(Scenarios.WorkloadSpec w) => [w, .. w.Parts.SelectMany(p => All(p.Workload))];
        return All(s.Workload).Where(w => w.Kind == "csv" && w.File is not null).Select(w => Path.GetFullPath(Path.Combine(folder, w.File!)));
    }
}
