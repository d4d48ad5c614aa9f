using System.Xml.Linq;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests.Guard;

/// <summary>The firmware guard bites: code that nanoFramework 1.x cannot run does not build in the core's configuration.</summary>
public sealed class FirmwareGuardTests
{
    [Fact]
    public void A_probe_in_the_nanoFramework_subset_builds()
    {
        var (exitCode, output) = ProbeBuild.Run("""
            namespace Cdu.Firmware.Probe
            {
                public static class Clean
                {
                    public static double Sum(double[] values)
                    {
                        double total = 0;
                        for (int i = 0; i < values.Length; i++) total += values[i];
                        var list = new System.Collections.ArrayList();
                        list.Add(total);
                        return System.Math.Max(total, 0);
                    }
                }
            }
            """);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Generic_collections_Linq_Tasks_spans_and_wall_clock_time_are_banned_APIs()
    {
        var (exitCode, output) = ProbeBuild.Run("""
            using System.Collections.Generic;
            using System.Linq;
            namespace Cdu.Firmware.Probe
            {
                public static class Banned
                {
                    public static object Use()
                    {
                        var list = new List<int>();
                        var any = new int[] { 1 }.Any();
                        var task = System.Threading.Tasks.Task.CompletedTask;
                        System.Span<byte> span = new byte[4];
                        var now = System.DateTime.Now;
                        return list.Count + (any ? 1 : 0) + span.Length + now.Second + (task == null ? 0 : 1);
                    }
                }
            }
            """);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error RS0030: The symbol 'System.Collections.Generic' is banned", output);
        Assert.Contains("error RS0030: The symbol 'System.Linq' is banned", output);
        Assert.Contains("error RS0030: The symbol 'System.Threading.Tasks' is banned", output);
        Assert.Contains("error RS0030: The symbol 'Span<T>' is banned", output);
        Assert.Contains("error RS0030: The symbol 'DateTime.Now' is banned", output);
    }

    [Fact]
    public void Generics_multidimensional_arrays_async_tuples_queries_and_nullable_values_are_refused_by_the_guard_analyzer()
    {
        var (exitCode, output) = ProbeBuild.Run("""
            namespace Cdu.Firmware.Probe
            {
                public class Box<T> { public T Value; }
                public static class Features
                {
                    public static int Use(int[] values)
                    {
                        double? maybe = null;
                        var grid = new int[2, 2];
                        var pair = (1, 2);
                        var index = System.Array.IndexOf(values, 3);
                        var query = from v in values select v;
                        return grid.Length + pair.Item1 + index + (maybe.HasValue ? 1 : 0);
                    }

                    public static async void Later() { await System.Threading.Tasks.Task.Yield(); }
                }
            }
            """);

        Assert.NotEqual(0, exitCode);
        foreach (var id in new[] { "NF0001", "NF0002", "NF0003", "NF0004", "NF0005", "NF0006" })
        {
            Assert.Contains($"error {id}:", output);
        }

        Assert.Contains("'IndexOf' is generic", output);
        Assert.Contains("'double?' is generic", output);
    }

    [Fact]
    public void Language_features_newer_than_the_pinned_CSharp_7_3_do_not_compile()
    {
        var (exitCode, output) = ProbeBuild.Run("""
            namespace Cdu.Firmware.Probe
            {
                public static class Newer
                {
                    public static int Switch(int x) => x switch { 0 => 1, _ => 2 };

                    public static string Coalesce(string s)
                    {
                        s ??= "none";
                        return s;
                    }
                }
            }
            """);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error CS8370: Feature 'recursive patterns' is not available in C# 7.3", output);
        Assert.Contains("error CS8370: Feature 'coalescing assignment' is not available in C# 7.3", output);
    }

    [Fact]
    public void The_core_project_has_no_package_references_and_imports_the_guard()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "firmware", "src", "Cdu.Firmware", "Cdu.Firmware.csproj"));

        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Contains(project.Descendants("Import"), i => ((string?)i.Attribute("Project"))!.EndsWith("FirmwareGuard.props", StringComparison.Ordinal));
        var guard = XDocument.Load(Path.Combine(RepositoryRoot.Path, "firmware", "FirmwareGuard.props"));
        Assert.Equal("7.3", guard.Descendants("LangVersion").Single().Value);
    }
}
