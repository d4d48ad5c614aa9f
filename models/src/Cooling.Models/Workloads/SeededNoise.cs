namespace Cooling.Models;

/// <summary>
/// Deterministic pseudo-random numbers as a pure function of a seed and indices (SplitMix64 finaliser,
/// Steele, Lea &amp; Flood 2014): a workload asks for the value of (seed, loop, rack, interval) and always gets the
/// same one, in any order, without state.
/// </summary>
public static class SeededNoise
{
    /// <summary>A uniform number in [0, 1) for the given seed and indices.</summary>
    public static double Uniform(long seed, long a, long b = 0, long c = 0)
    {
        var h = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (ulong)a);
        h = Mix(h ^ (ulong)b);
        h = Mix(h ^ (ulong)c);
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
