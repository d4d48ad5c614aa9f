using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdu.Firmware.Tests.Architecture;

/// <summary>
/// Reads C# sources with the C# parser, gathers each type's declarations (partial ones from every file together)
/// and reports a type past <see cref="MaximumLines"/> lines — its declarations' lines, doc comments included,
/// summed over its files — and a partial type, unless its only reason to be partial is a source generator
/// (<c>[GeneratedRegex]</c> and the like) and it is declared in one file.
/// </summary>
public static class ClassSizeChecker
{
    /// <summary>Most lines a type may have, all its partial declarations together.</summary>
    public const int MaximumLines = 400;

    /// <summary>Attributes of members that a source generator completes, which need the type to be partial.</summary>
    private static readonly string[] GeneratorAttributes = ["GeneratedRegex", "LoggerMessage", "LibraryImport", "JsonSerializable"];

    /// <summary>One type: its full name, the files declaring it, its lines, whether it is partial and why.</summary>
    public sealed record TypeSize(string Name, IReadOnlyList<string> Files, int Lines, bool Partial, bool GeneratorPartial);

    /// <summary>Every type declared in <paramref name="sources"/> (path, text).</summary>
    public static IReadOnlyList<TypeSize> Measure(IEnumerable<(string Path, string Text)> sources)
    {
        var parts = new Dictionary<string, List<(string Path, int Lines, bool Partial, bool Generator)>>(StringComparer.Ordinal);
        foreach (var (path, text) in sources)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), path).GetRoot();
            foreach (TypeDeclarationSyntax type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                string name = FullName(type);
                if (!parts.TryGetValue(name, out var list))
                {
                    parts[name] = list = [];
                }

                list.Add((path, Lines(type), type.Modifiers.Any(SyntaxKind.PartialKeyword), HasGeneratedMember(type)));
            }
        }

        return parts.Select(p => new TypeSize(
                p.Key,
                p.Value.Select(v => v.Path).Distinct(StringComparer.Ordinal).ToList(),
                p.Value.Sum(v => v.Lines),
                p.Value.Any(v => v.Partial),
                p.Value.Any(v => v.Generator)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What breaks the rules, one line per type ("name: why"), leaving out <paramref name="exceptions"/>.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<TypeSize> types, IReadOnlyCollection<string> exceptions)
    {
        var violations = new List<string>();
        foreach (TypeSize type in types.Where(t => !exceptions.Contains(t.Name)))
        {
            string files = string.Join(", ", type.Files);
            if (type.Lines > MaximumLines)
            {
                violations.Add($"{type.Name}: {type.Lines} lines (at most {MaximumLines}) in {files}");
            }

            if (type.Partial && (type.Files.Count > 1 || !type.GeneratorPartial))
            {
                violations.Add($"{type.Name}: partial ({type.Files.Count} file(s): {files}); only a single-file type completed by a source generator may be partial");
            }
        }

        return violations;
    }

    // The declaration's lines, from its doc comment (leading trivia) to its closing brace; blank lines before it not counted.
    private static int Lines(TypeDeclarationSyntax type)
    {
        var text = type.SyntaxTree.GetText();
        int start = type.SpanStart;
        foreach (SyntaxTrivia trivia in type.GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                start = Math.Min(start, trivia.SpanStart);
                break;
            }
        }

        return text.Lines.GetLineFromPosition(type.Span.End).LineNumber - text.Lines.GetLineFromPosition(start).LineNumber + 1;
    }

    private static bool HasGeneratedMember(TypeDeclarationSyntax type) =>
        type.Members.Any(m => m.Modifiers.Any(SyntaxKind.PartialKeyword)
            && m.AttributeLists.SelectMany(l => l.Attributes).Any(a => GeneratorAttributes.Any(g => a.Name.ToString().EndsWith(g, StringComparison.Ordinal)
                || a.Name.ToString().EndsWith(g + "Attribute", StringComparison.Ordinal))));

    private static string FullName(TypeDeclarationSyntax type)
    {
        var names = new List<string>();
        for (SyntaxNode? node = type; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax t:
                    names.Add(t.Identifier.Text + (t.TypeParameterList is null ? "" : "`" + t.TypeParameterList.Parameters.Count));
                    break;
                case BaseNamespaceDeclarationSyntax n:
                    names.Add(n.Name.ToString());
                    break;
            }
        }

        names.Reverse();
        return string.Join(".", names);
    }
}
