namespace Cooling.Models.Components;

/// <summary>
/// The supply and return manifolds of a loop's racks: every rack branch (its isolation valve, hoses, rack manifold
/// and cold plates) sees the same ΔP, with a quadratic resistance Δp = K_b·Q_b² (turbulent flow),
///   Q_b = c_b·√Δp,  c_b = 1/√K_b,   so the branches act as one resistance K_eq = 1 / (Σ c_b)²
/// and share the loop flow as Q_b = Q·c_b / Σc. K_b = K_design·<see cref="BranchResistanceFactor"/>: 1 as designed,
/// larger for a partly closed rack valve or a clogged branch, infinite (<see cref="CloseBranch"/>) for a closed one.
/// The headers' own losses are lumped into the loop's fixed resistance. Source: parallel hydraulic resistances,
/// e.g. Idelchik, Handbook of Hydraulic Resistance, 4th ed., ch. 1; ASHRAE Handbook Fundamentals ch. 22.
/// </summary>
public sealed class RackManifold
{
    private readonly double[] _resistanceFactor;
    private readonly double[] _conductance;
    private readonly double _designConductance;
    private double _totalConductance;

    /// <param name="branchCount">Rack branches.</param>
    /// <param name="designResistanceKpaPerLpmSquared">K of one branch as designed, kPa/(L/min)².</param>
    public RackManifold(int branchCount, double designResistanceKpaPerLpmSquared)
    {
        _resistanceFactor = new double[branchCount];
        _conductance = new double[branchCount];
        BranchFlowLitersPerMinute = new double[branchCount];
        _designConductance = 1 / Math.Sqrt(designResistanceKpaPerLpmSquared);
        for (var i = 0; i < branchCount; i++) SetBranchResistanceFactor(i, 1);
    }

    public int BranchCount => _conductance.Length;

    /// <summary>Flow through each branch in the last step, L/min.</summary>
    public double[] BranchFlowLitersPerMinute { get; }

    /// <summary>The equivalent resistance of all branches in parallel, kPa/(L/min)² (∞ with every branch closed).</summary>
    public double EquivalentResistanceKpaPerLpmSquared =>
        _totalConductance > 0 ? 1 / (_totalConductance * _totalConductance) : double.PositiveInfinity;

    /// <summary>Resistance of branch <paramref name="branch"/> relative to its design (1; ∞ when closed).</summary>
    public double BranchResistanceFactor(int branch) => _resistanceFactor[branch];

    /// <summary>Sets a branch's resistance relative to design: &gt; 1 for a throttled rack valve or a clogged branch.</summary>
    public void SetBranchResistanceFactor(int branch, double factor)
    {
        var f = double.IsNaN(factor) ? 1 : Math.Max(factor, 1e-3);
        _resistanceFactor[branch] = f;
        _conductance[branch] = double.IsPositiveInfinity(f) ? 0 : _designConductance / Math.Sqrt(f);
        _totalConductance = 0;
        foreach (var c in _conductance) _totalConductance += c;
    }

    /// <summary>Closes a branch's isolation valve (no flow through that rack).</summary>
    public void CloseBranch(int branch) => SetBranchResistanceFactor(branch, double.PositiveInfinity);

    /// <summary>Splits <paramref name="loopFlowLitersPerMinute"/> among the branches.</summary>
    public void Split(double loopFlowLitersPerMinute)
    {
        for (var i = 0; i < _conductance.Length; i++)
        {
            BranchFlowLitersPerMinute[i] = _totalConductance > 0 ? loopFlowLitersPerMinute * _conductance[i] / _totalConductance : 0;
        }
    }
}
