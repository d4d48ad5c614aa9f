using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// Operating point of parallel pumps on the loop's system curve: every pump that turns delivers the common head H,
///   Qᵢ = √((Hᵢ(0) − H)/b)  (0 when a pump cannot reach H: its check valve closes),
/// and the loop passes Q = ΣQᵢ at H = K·Q², K the whole loop's resistance (fixed piping and heat exchanger, filter,
/// rack branches in parallel; very large with the isolation valves closed). When the pumps that deliver run alike the point has a closed form; otherwise H is found by bisection
/// on the monotone residual ΣQᵢ(H) − √(H/K) (50 halvings: far below a pascal). Source: parallel pump operation, e.g. Karassik, Pump
/// Handbook, §2.4.
/// </summary>
public static class LoopHydraulics
{
    /// <summary>Solves for the common head, kPa, and sets each pump's operating point; returns the loop flow, L/min.</summary>
    public static double Solve(CentrifugalPump[] pumps, double systemCoefficientKpaPerLpmSquared, out double headKpa)
    {
        var high = 0.0;
        var b = pumps.Length > 0 ? pumps[0].CurveCoefficient : 1;
        var alike = true;
        foreach (var p in pumps)
        {
            high = Math.Max(high, p.HeadKpa(0));
            alike &= p.CurveCoefficient == b;
        }

        if (double.IsPositiveInfinity(systemCoefficientKpaPerLpmSquared) || high <= 0)
        {
            headKpa = Math.Max(high, 0);
        }
        else if (!(alike && TrySolveAlike(pumps, systemCoefficientKpaPerLpmSquared, high, b, out headKpa)))
        {
            var low = 0.0;
            for (var i = 0; i < 50 && high - low > 1e-9; i++)
            {
                var mid = (low + high) / 2;
                if (Residual(pumps, systemCoefficientKpaPerLpmSquared, mid) > 0) low = mid;
                else high = mid;
            }

            headKpa = (low + high) / 2;
        }

        var total = 0.0;
        foreach (var p in pumps)
        {
            var flow = PumpFlow(p, headKpa);
            p.SetOperatingPoint(flow, headKpa);
            total += flow;
        }

        return total;
    }

    // The usual case in closed form: the n pumps with the highest shut-off head (equal speed and wear, same curve)
    // deliver, each Q/n: H₀ − b·(Q/n)² = K·Q²  ⇒  Q = √(H₀ / (K + b/n²)); valid when every other pump's shut-off head
    // is below the resulting head (its check valve stays shut).
    private static bool TrySolveAlike(CentrifugalPump[] pumps, double k, double highest, double b, out double headKpa)
    {
        var delivering = 0;
        foreach (var p in pumps)
        {
            if (Math.Abs(p.HeadKpa(0) - highest) <= 1e-12 * highest) delivering++;
        }

        var flow = Math.Sqrt(highest / (k + b / (delivering * delivering)));
        headKpa = k * flow * flow;
        foreach (var p in pumps)
        {
            var shutoff = p.HeadKpa(0);
            if (Math.Abs(shutoff - highest) > 1e-12 * highest && shutoff > headKpa) return false;
        }

        return true;
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
