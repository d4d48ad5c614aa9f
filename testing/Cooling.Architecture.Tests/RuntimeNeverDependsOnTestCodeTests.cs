using System.Text.RegularExpressions;

namespace Cooling.Architecture.Tests;

/// <summary>Every project of Cooling.sln checked against <see cref="ProjectDependencyRule"/>, and the rule itself on made-up projects.</summary>
public sealed class RuntimeNeverDependsOnTestCodeTests
{
    private static readonly Regex SolutionProject = new(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""([^""]+\.csproj)""", RegexOptions.Multiline);

    [Fact]
    public void No_runtime_project_of_the_solution_references_test_code()
    {
        var root = RepositoryRoot();
        var projects = SolutionProjects(root);
        Assert.Contains("firmware/src/Cdu.Firmware.Host/Cdu.Firmware.Host.csproj", projects);
        Assert.Contains("hil-tests/src/Cooling.Hil/Cooling.Hil.csproj", projects);
        Assert.Contains(projects, p => !ProjectDependencyRule.IsTestOrBench(p));
        var violations = projects.SelectMany(p => ProjectDependencyRule.Violations(p, File.ReadAllText(Path.Combine(root, p)))).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void A_runtime_project_referencing_a_testing_project_a_tests_project_or_a_test_package_fails()
    {
        const string project = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../../../testing/Cooling.Testing/Cooling.Testing.csproj" />
                <ProjectReference Include="..\..\tests\Some.Tests\Some.Tests.csproj" />
                <ProjectReference Include="../Other.Runtime/Other.Runtime.csproj" />
                <PackageReference Include="Microsoft.Extensions.TimeProvider.Testing" />
                <PackageReference Include="xunit" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="MQTTnet" />
              </ItemGroup>
            </Project>
            """;
        var violations = ProjectDependencyRule.Violations("area/src/Runtime/Runtime.csproj", project);
        Assert.Equal(
            [
                "area/src/Runtime/Runtime.csproj references the test project testing/Cooling.Testing/Cooling.Testing.csproj",
                "area/src/Runtime/Runtime.csproj references the test project area/tests/Some.Tests/Some.Tests.csproj",
                "area/src/Runtime/Runtime.csproj references the test package Microsoft.Extensions.TimeProvider.Testing",
                "area/src/Runtime/Runtime.csproj references the test package xunit",
                "area/src/Runtime/Runtime.csproj references the test package Microsoft.NET.Test.Sdk",
            ],
            violations);
    }

    [Theory]
    [InlineData("area/tests/Runtime.Tests/Runtime.Tests.csproj")]
    [InlineData("testing/Cooling.Testing/Cooling.Testing.csproj")]
    [InlineData("area/bench/Runtime.Benchmarks/Runtime.Benchmarks.csproj")]
    public void Test_helper_and_bench_projects_may_reference_test_code(string path)
    {
        const string project = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../../testing/Cooling.Testing/Cooling.Testing.csproj" />
                <PackageReference Include="Microsoft.Extensions.TimeProvider.Testing" />
              </ItemGroup>
            </Project>
            """;
        Assert.Empty(ProjectDependencyRule.Violations(path, project));
    }

    [Theory]
    [InlineData("a/src/X/../../tests/Y/Y.csproj", "a/tests/Y/Y.csproj")]
    [InlineData("a/src/X/./../Z/Z.csproj", "a/src/Z/Z.csproj")]
    public void Relative_paths_are_resolved(string path, string expected) => Assert.Equal(expected, ProjectDependencyRule.Normalize(path));

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Cooling.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"Cooling.sln not found above {AppContext.BaseDirectory}");
    }

    private static List<string> SolutionProjects(string root) =>
        [.. SolutionProject.Matches(File.ReadAllText(Path.Combine(root, "Cooling.sln"))).Select(m => m.Groups[1].Value.Replace('\\', '/'))];
}
