using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests.Architecture;

/// <summary>
/// No class hides its size in partial files, and no class of the product (every .cs file of the repository outside
/// tests/, testing/, bench/, obj/ and bin/) passes 400 lines, its partial declarations counted together.
/// </summary>
public sealed class ClassSizeTests
{
    /// <summary>
    /// Types known to break the rule while they are being split; each entry is a debt to pay, not a permission. The
    /// list only shrinks: the check also fails when an entry no longer breaks the rule, so it is removed at once.
    /// </summary>
    public static readonly string[] KnownOversizedClasses = [];

    private static readonly string[] ExcludedFolders = ["tests", "testing", "bench", "obj", "bin"];

    private static IEnumerable<(string Path, string Text)> ProductSources()
    {
        string root = RepositoryRoot.Path;
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            string[] folders = relative.Split('/')[..^1];
            if (folders.Any(f => f.StartsWith('.') || ExcludedFolders.Contains(f, StringComparer.Ordinal)))
            {
                continue;
            }

            yield return (relative, File.ReadAllText(file));
        }
    }

    [Fact]
    public void No_product_class_passes_400_lines_or_is_partial_across_files()
    {
        var types = ClassSizeChecker.Measure(ProductSources());
        Assert.Contains(types, t => t.Name == "Cdu.Firmware.CduController");
        Assert.Contains(types, t => t.Name.StartsWith("Cooling.Supervisor.", StringComparison.Ordinal));
        Assert.Contains(types, t => t.Name.StartsWith("Cooling.Hil.", StringComparison.Ordinal));

        var violations = ClassSizeChecker.Violations(types, KnownOversizedClasses);
        Assert.True(violations.Count == 0, "Classes past the size rule:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_listed_exception_still_breaks_the_rule()
    {
        var stale = StaleExceptions(ClassSizeChecker.Measure(ProductSources()), KnownOversizedClasses);
        Assert.True(stale.Count == 0, string.Join("\n", stale.Select(n => n + " keeps the rule now: remove it from " + nameof(KnownOversizedClasses))));
    }

    [Fact]
    public void A_listed_exception_that_keeps_the_rule_or_is_gone_is_reported_and_an_empty_list_is_clean()
    {
        var types = ClassSizeChecker.Measure([("a/Big.cs", Class("N", "Big", 397)), ("a/Fits.cs", Class("N", "Fits", 10))]);
        Assert.Equal(["N.Fits", "N.Gone"], StaleExceptions(types, ["N.Big", "N.Fits", "N.Gone"]));
        Assert.Empty(StaleExceptions(types, []));
    }

    /// <summary>The listed names whose type no longer breaks the rule (or no longer exists).</summary>
    private static List<string> StaleExceptions(IReadOnlyList<ClassSizeChecker.TypeSize> types, IEnumerable<string> listed) =>
        listed.Where(name =>
        {
            var type = types.FirstOrDefault(t => t.Name == name);
            return type is null || ClassSizeChecker.Violations([type], []).Count == 0;
        }).ToList();

    private static string Class(string ns, string name, int bodyLines, string modifiers = "public sealed class", string member = "")
    {
        var body = string.Concat(Enumerable.Range(0, bodyLines).Select(i => $"    private int _f{i};\n"));
        return $"namespace {ns};\n\n/// <summary>doc</summary>\n{modifiers} {name}\n{{\n{member}{body}}}\n";
    }

    [Fact]
    public void The_checker_counts_doc_comment_to_closing_brace_and_bites_past_400_lines()
    {
        // doc + declaration + "{" + body + "}" = bodyLines + 4.
        var fits = ClassSizeChecker.Measure([("a/Fits.cs", Class("N", "Fits", 396))]);
        Assert.Equal(400, Assert.Single(fits).Lines);
        Assert.Empty(ClassSizeChecker.Violations(fits, []));

        var big = ClassSizeChecker.Measure([("a/Big.cs", Class("N", "Big", 397))]);
        Assert.Equal(401, Assert.Single(big).Lines);
        Assert.Contains("N.Big: 401 lines", Assert.Single(ClassSizeChecker.Violations(big, [])));
        Assert.Empty(ClassSizeChecker.Violations(big, ["N.Big"]));
    }

    [Fact]
    public void The_checker_adds_up_partial_files_and_refuses_partial_classes()
    {
        var types = ClassSizeChecker.Measure(
        [
            ("a/Split.cs", Class("N", "Split", 250, "public sealed partial class")),
            ("a/Split.More.cs", Class("N", "Split", 250, "public sealed partial class")),
            ("a/Small.cs", Class("N", "Small", 10, "public sealed partial class")),
            ("a/Other.cs", Class("M", "Split", 250)),
        ]);

        var split = Assert.Single(types, t => t.Name == "N.Split");
        Assert.Equal(508, split.Lines);
        Assert.Equal(2, split.Files.Count);
        var violations = ClassSizeChecker.Violations(types, []);
        Assert.Equal(3, violations.Count);
        Assert.Equal(2, violations.Count(v => v.StartsWith("N.Split:", StringComparison.Ordinal)));
        Assert.Contains(violations, v => v.StartsWith("N.Small: partial", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith("M.Split", StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_file_partial_completed_by_a_source_generator_passes_but_not_across_files()
    {
        const string regex = "    [GeneratedRegex(\"^a$\")]\n    private static partial System.Text.RegularExpressions.Regex Pattern();\n";
        var single = ClassSizeChecker.Measure([("a/Loader.cs", Class("N", "Loader", 5, "public static partial class", regex))]);
        Assert.True(Assert.Single(single).GeneratorPartial);
        Assert.Empty(ClassSizeChecker.Violations(single, []));

        var across = ClassSizeChecker.Measure(
        [
            ("a/Loader.cs", Class("N", "Loader", 5, "public static partial class", regex)),
            ("a/Loader.More.cs", Class("N", "Loader", 5, "public static partial class")),
        ]);
        Assert.Contains("N.Loader: partial (2 file(s)", Assert.Single(ClassSizeChecker.Violations(across, [])));
    }

    [Fact]
    public void Nested_types_are_named_by_their_container_and_counted_within_it()
    {
        var types = ClassSizeChecker.Measure([("a/Outer.cs", "namespace N\n{\n    public class Outer\n    {\n        private sealed class Inner\n        {\n        }\n    }\n}\n")]);
        Assert.Equal(6, Assert.Single(types, t => t.Name == "N.Outer").Lines);
        Assert.Equal(3, Assert.Single(types, t => t.Name == "N.Outer.Inner").Lines);
    }
}
