namespace Cooling.Fuzz.Tests;

/// <summary>Each fuzz target's harness over every input of its corpus (fuzz/corpus/&lt;target&gt;), in-process.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_corpus_input_satisfies_the_harness_invariants(string target)
    {
        var folder = Path.Combine(RepositoryFolder.Find(), "fuzz", "corpus", target);
        var inputs = CorpusFiles.Under(folder).ToList();
        Assert.NotEmpty(inputs);
        var harness = FuzzTargets.Create(target);
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            try
            {
                harness.Run(File.ReadAllBytes(input));
            }
#pragma warning disable CA1031 // every escape is a failure to report, whatever its type
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{Path.GetFileName(input)}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_target_has_a_corpus_and_every_corpus_a_target()
    {
        var corpora = Directory.GetDirectories(Path.Combine(RepositoryFolder.Find(), "fuzz", "corpus")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(FuzzTargets.Names.Order(StringComparer.Ordinal), corpora);
    }
}
