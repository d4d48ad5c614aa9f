using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// Operating point of parallel pumps on the loop's system curve: every running pump delivers the common head H,
///   Qᵢ = √((H₀·sᵢ² − H)/b)  (0 when a pump cannot reach H: its check valve closes),
/// and the loop passes Q = ΣQᵢ at H = K·Q² (K = rated ΔP / rated flow²; very large with the isolation closed).
/// H is found by bisection on the monotone residual ΣQᵢ(H) − √(H/K). Source: parallel pump operation, e.g.
/// Karassik, Pump Handbook, §2.4.
/// </summary>
public static class LoopHydraulics
{
    /// <summary>Solves for the common head, kPa, and sets each pump's flow; returns the loop flow, L/min.</summary>
    public static double Solve(CentrifugalPump[] pumps, double systemCoefficientKpaPerLpmSquared, out double headKpa)
    {
        var high = 0.0;
        foreach (var p in pumps)
        {
            high = Math.Max(high, p.HeadKpa(0));
        }

        var low = 0.0;
        for (var i = 0; i < 60 && high - low > 1e-9; i++)
        {
            var mid = (low + high) / 2;
            if (Residual(pumps, systemCoefficientKpaPerLpmSquared, mid) > 0) low = mid;
            else high = mid;
        }

        headKpa = (low + high) / 2;
        var total = 0.0;
        foreach (var p in pumps)
        {
            p.FlowLitersPerMinute = PumpFlow(p, headKpa);
            total += p.FlowLitersPerMinute;
        }

        return total;
    }

    private static double Residual(CentrifugalPump[] pumps, double k, double head)
    {
        var supplied = 0.0;
        foreach (var p in pumps) supplied += PumpFlow(p, head);
        return supplied - Math.Sqrt(head / k);
    }

    private static double PumpFlow(CentrifugalPump pump, double head)
    {
        var available = pump.HeadKpa(0) - head;
        return available > 0 ? Math.Sqrt(available / pump.CurveCoefficient) : 0;
    }
}
