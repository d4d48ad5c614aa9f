using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Cdu.Firmware.Guard
{
    /// <summary>
    /// Reports, as errors, the C# language features that .NET nanoFramework 1.x cannot run. The banned-symbol list
    /// (firmware/BannedSymbols.txt) covers missing library types; this covers what is not a library type:
    /// generics declared or used (including T? on value types and generic methods picked by inference),
    /// multidimensional arrays, async/await, tuples, LINQ query syntax, stackalloc and dynamic.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoFrameworkSubsetAnalyzer : DiagnosticAnalyzer
    {
        private const string Category = "nanoFramework";

        public static readonly DiagnosticDescriptor GenericDeclaration = Rule("NF0001", "Generic type or method declared",
            "'{0}' declares type parameters: nanoFramework 1.x has no generics");

        public static readonly DiagnosticDescriptor GenericUse = Rule("NF0002", "Generic type or method used",
            "'{0}' is generic: nanoFramework 1.x has no generics (use arrays, ArrayList, Hashtable, or a validity flag instead of T?)");

        public static readonly DiagnosticDescriptor MultidimensionalArray = Rule("NF0003", "Multidimensional array",
            "Multidimensional arrays are not supported by nanoFramework: use a jagged array or index arithmetic");

        public static readonly DiagnosticDescriptor AsyncAwait = Rule("NF0004", "async/await",
            "async and await are not supported by nanoFramework: the host calls the core's cycle");

        public static readonly DiagnosticDescriptor Tuple = Rule("NF0005", "Tuple",
            "Tuples are not supported by nanoFramework: use out parameters or a small class");

        public static readonly DiagnosticDescriptor QuerySyntax = Rule("NF0006", "LINQ query",
            "LINQ is not supported by nanoFramework: write the loop");

        public static readonly DiagnosticDescriptor StackAlloc = Rule("NF0007", "stackalloc",
            "stackalloc needs Span<T>, which nanoFramework lacks: allocate the array once at start-up");

        public static readonly DiagnosticDescriptor Dynamic = Rule("NF0008", "dynamic",
            "dynamic is not supported by nanoFramework");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            GenericDeclaration, GenericUse, MultidimensionalArray, AsyncAwait, Tuple, QuerySyntax, StackAlloc, Dynamic);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(c => Report(c, GenericDeclaration, ((TypeParameterListSyntax)c.Node).Parent),
                SyntaxKind.TypeParameterList);
            context.RegisterSyntaxNodeAction(c => Report(c, GenericUse, c.Node), SyntaxKind.GenericName, SyntaxKind.NullableType);
            context.RegisterSyntaxNodeAction(c =>
            {
                if (((ArrayRankSpecifierSyntax)c.Node).Rank > 1) Report(c, MultidimensionalArray, c.Node);
            }, SyntaxKind.ArrayRankSpecifier);
            context.RegisterSyntaxNodeAction(c => Report(c, AsyncAwait, c.Node), SyntaxKind.AwaitExpression);
            context.RegisterSyntaxNodeAction(c =>
            {
                foreach (var modifier in ModifiersOf(c.Node))
                {
                    if (modifier.IsKind(SyntaxKind.AsyncKeyword)) c.ReportDiagnostic(Diagnostic.Create(AsyncAwait, modifier.GetLocation()));
                }
            }, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
            context.RegisterSyntaxNodeAction(c => Report(c, Tuple, c.Node), SyntaxKind.TupleType, SyntaxKind.TupleExpression);
            context.RegisterSyntaxNodeAction(c => Report(c, QuerySyntax, c.Node), SyntaxKind.QueryExpression);
            context.RegisterSyntaxNodeAction(c => Report(c, StackAlloc, c.Node), SyntaxKind.StackAllocArrayCreationExpression,
                SyntaxKind.ImplicitStackAllocArrayCreationExpression);
            context.RegisterSyntaxNodeAction(c =>
            {
                var type = c.SemanticModel.GetTypeInfo(c.Node, c.CancellationToken).Type;
                if (type is { TypeKind: TypeKind.Dynamic }) Report(c, Dynamic, c.Node);
            }, SyntaxKind.IdentifierName);
            context.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (invocation.TargetMethod.IsGenericMethod && invocation.Syntax is InvocationExpressionSyntax syntax
                    && !(syntax.Expression is GenericNameSyntax) && !(syntax.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax }))
                {
                    c.ReportDiagnostic(Diagnostic.Create(GenericUse, syntax.GetLocation(), invocation.TargetMethod.Name));
                }
            }, OperationKind.Invocation);
        }

        private static SyntaxTokenList ModifiersOf(SyntaxNode node)
        {
            switch (node)
            {
                case MethodDeclarationSyntax m: return m.Modifiers;
                case LocalFunctionStatementSyntax f: return f.Modifiers;
                case AnonymousFunctionExpressionSyntax a: return a.Modifiers;
                default: return default;
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxNode? node)
        {
            if (node is null) return;
            var name = node is GenericNameSyntax g ? g.Identifier.Text
                : node is TypeDeclarationSyntax t ? t.Identifier.Text
                : node is MethodDeclarationSyntax m ? m.Identifier.Text
                : node is DelegateDeclarationSyntax d ? d.Identifier.Text
                : node.ToString();
            context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), name));
        }

        private static DiagnosticDescriptor Rule(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                description: "The firmware core must compile for .NET nanoFramework 1.x (firmware/FirmwareGuard.props).");
    }
}
