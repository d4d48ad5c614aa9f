using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Cooling.Hil.Reports;
using Cooling.Hil.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Suite;

/// <summary>The certification suite's reports: JUnit XML against its schema, the HTML in a real browser, the manifest.</summary>
[Collection(CertificationSuite.Name)]
public sealed class ReportTests(SuiteFixture suite, ITestOutputHelper output)
{
    [Fact]
    public void The_JUnit_XML_is_valid_against_the_JUnit_schema_and_names_the_requirements()
    {
        var schemas = new XmlSchemaSet();
        using (var xsd = JUnitReportWriter.OpenSchema())
        {
            schemas.Add(null, XmlReader.Create(xsd));
        }

        var document = XDocument.Load(Path.Combine(suite.ReportFolder, ReportSet.JUnitFile));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));

        Assert.Empty(errors);
        var names = document.Descendants("testcase").Select(t => (string)t.Attribute("name")!).ToList();
        Assert.Equal(suite.Results.Sum(r => r.Verdicts.Count), names.Count);
        Assert.All(names, n => Assert.Matches("^[A-Z]{2,4}-[0-9]+ ", n));
    }

    [Fact]
    public void The_schema_check_refuses_a_report_that_breaks_the_format()
    {
        var schemas = new XmlSchemaSet();
        using (var xsd = JUnitReportWriter.OpenSchema())
        {
            schemas.Add(null, XmlReader.Create(xsd));
        }

        var document = XDocument.Load(Path.Combine(suite.ReportFolder, ReportSet.JUnitFile));
        document.Descendants("testcase").First().Attribute("classname")!.Remove();
        document.Descendants("testsuite").First().SetAttributeValue("tests", "many");
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task The_HTML_report_renders_every_plot_in_headless_chromium()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(Path.Combine(suite.ReportFolder, ReportSet.HtmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var images = await page.EvaluateAsync<int[]>("Array.from(document.images).map(i => i.complete ? i.naturalWidth : -1)");
        var traceRows = await page.Locator("#trace + table tr").CountAsync();

        output.WriteLine($"{images.Length} plots; trace matrix with {traceRows - 1} requirements");
        Assert.True(images.Length >= 4 * suite.Results.Count, $"{images.Length} images for {suite.Results.Count} scenarios");
        Assert.All(images, width => Assert.Equal(PlotRenderer.Width, width));
        Assert.Equal(suite.Report.Requirements.Count + 1, traceRows);
    }

    [Fact]
    public void The_manifest_holds_the_SHA_256_of_every_artifact_and_scenario_and_detects_a_change()
    {
        using var copy = new TempFolder();
        foreach (var file in Directory.GetFiles(suite.ReportFolder)) File.Copy(file, copy.File(Path.GetFileName(file)));
        var manifest = File.ReadAllText(copy.File(ReportSet.ManifestFile));

        Assert.Empty(ReportSet.Verify(copy.Path));
        Assert.Contains("certification suite test", manifest);
        Assert.Contains(suite.Report.Build.GitCommit, manifest);
        Assert.All(suite.Scenarios, s => Assert.Contains(ReportSet.Sha256(s.Source), manifest));

        File.AppendAllText(copy.File(ReportSet.HtmlFile), "<!-- edited -->");
        Assert.Equal([$"{ReportSet.HtmlFile}: SHA-256 differs from the manifest"], ReportSet.Verify(copy.Path));
    }
}
