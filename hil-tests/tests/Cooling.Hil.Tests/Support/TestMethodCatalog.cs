using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Cooling.Hil.Tests.Support;

/// <summary>
/// The test methods of the solution's test assemblies, read by reflection without running them (MetadataLoadContext):
/// every method carrying xunit's [Fact] or an attribute derived from it ([Theory]), as Namespace.Class.Method with
/// nested classes joined by dots.
/// </summary>
public static partial class TestMethodCatalog
{
    /// <summary>The built assembly of every test project (IsTestProject) in Cooling.sln, in this build's configuration.</summary>
    /// <exception cref="InvalidOperationException">An assembly is not built; the message names it.</exception>
    public static IReadOnlyList<string> SolutionTestAssemblies(string root)
    {
        // This project's output folder relative to its project folder (bin/Debug/net10.0/) holds for every project.
        var own = Path.Combine(root, "hil-tests", "tests", "Cooling.Hil.Tests");
        var output = Path.GetRelativePath(own, AppContext.BaseDirectory);
        var assemblies = new List<string>();
        var missing = new List<string>();
        foreach (Match line in ProjectLine().Matches(File.ReadAllText(Path.Combine(root, "Cooling.sln"))))
        {
            var project = Path.Combine(root, line.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar));
            var text = File.ReadAllText(project);
            if (!text.Contains("<IsTestProject>true</IsTestProject>", StringComparison.Ordinal)) continue;
            var name = AssemblyName().Match(text) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(project);
            var assembly = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, output, name + ".dll"));
            (File.Exists(assembly) ? assemblies : missing).Add(assembly);
        }

        if (missing.Count > 0) throw new InvalidOperationException("test assemblies not built (build Cooling.sln): " + string.Join(", ", missing));
        return assemblies;
    }

    /// <summary>Namespace.Class.Method of every [Fact] and [Theory] in <paramref name="assemblies"/>.</summary>
    public static IReadOnlySet<string> Read(IEnumerable<string> assemblies)
    {
        var tests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in assemblies)
        {
            using var context = new MetadataLoadContext(new PathAssemblyResolver(ResolverPaths(path)));
            var assembly = context.LoadFromAssemblyPath(path);
            foreach (var type in Types(assembly).Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters))
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(IsTest))
                {
                    tests.Add(type.FullName!.Replace('+', '.') + "." + method.Name);
                }
            }
        }

        return tests;
    }

    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributesData().Any(a => DerivesFromFact(a.AttributeType));

    private static bool DerivesFromFact(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.FullName == "Xunit.FactAttribute") return true;
        }

        return false;
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }

    // The assembly's own folder, then the shared frameworks it may run on (.NET and ASP.NET Core) of this runtime's version.
    private static IEnumerable<string> ResolverPaths(string assembly)
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var shared = Directory.GetParent(Path.TrimEndingDirectorySeparator(runtime))!.Parent!.FullName;
        var version = Path.GetFileName(Path.TrimEndingDirectorySeparator(runtime));
        var folders = new[] { Path.GetDirectoryName(assembly)!, runtime, Path.Combine(shared, "Microsoft.AspNetCore.App", version) };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.dll")))
        {
            if (seen.Add(Path.GetFileName(file))) yield return file;
        }
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""([^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
