using Cdu.Firmware;
using Cooling.Hil.Scenarios;
using Cooling.Models;
using Cooling.Models.Plant;
using Cooling.Twin;

namespace Cooling.Hil.Sil;

/// <summary>
/// Runs a scenario on the SIL target (<see cref="SilRig"/>): an emulated supervisor delivers the scenario's
/// leased requests and reads the core's acknowledgements; the trace feeds the scenario's KPIs.
/// </summary>
public static class SilRunner
{
    public static RunResult Run(Scenario scenario, CduSettings? settings = null)
    {
        var rig = new SilRig(settings, new LoopDescription { RackCount = scenario.Racks });
        var workload = Workload(scenario.Workload);
        var trace = new List<TraceSample>();
        var requests = new List<RequestRecord>();
        var steps = (long)(scenario.DurationSeconds / rig.PeriodSeconds);
        double nextRequestSeconds = 0;
        var acknowledged = 0;
        for (long step = 0; step < steps; step++)
        {
            var seconds = rig.Seconds;
            if (scenario.Supervisor is { } sup && seconds >= nextRequestSeconds && (sup.StopAtSeconds is not { } stop || seconds < stop))
            {
                nextRequestSeconds = seconds + sup.RenewalSeconds;
                requests.Add(new RequestRecord(rig.Request(sup.SupplyTemperatureCelsius, sup.LeaseSeconds), seconds));
            }

            for (var r = 0; r < rig.Plant.Racks.Length; r++)
            {
                rig.Plant.Racks[r].Utilization = workload(TimeSpan.FromSeconds(seconds), 0, r);
            }

            rig.Step();
            acknowledged = ReadAcknowledgements(rig, requests, acknowledged);
            trace.Add(new TraceSample(seconds, rig.Plant.SupplyCelsius, rig.Controller.EffectiveSupplySetpointCelsius,
                rig.Plant.Racks.Max(r => r.HottestGpuCelsius), rig.Io.ValveCommandPercent, rig.Controller.Mode == CduMode.Fallback));
        }

        var verdicts = scenario.Criteria
            .Select(c => new Verdict(c, Kpis.Compute(c.Kpi, trace, requests, c.FromSeconds)))
            .ToList();
        return new RunResult(scenario, verdicts, trace);
    }

    private static int ReadAcknowledgements(SilRig rig, List<RequestRecord> requests, int alreadyRead)
    {
        var messages = rig.Bus.Messages;
        for (var i = alreadyRead; i < messages.Count; i++)
        {
            if (messages[i].Topic != rig.Topics.SetpointAcknowledgement) continue;
            var ack = System.Text.Json.JsonDocument.Parse(messages[i].Payload).RootElement;
            var sequence = ack.GetProperty("seq").GetInt64();
            if (requests.FirstOrDefault(r => r.Sequence == sequence) is { } request)
            {
                request.Status = ack.GetProperty("status").GetString();
            }
        }

        return messages.Count;
    }

    private static RackUtilization Workload(WorkloadSpec spec) => spec.Kind switch
    {
        "constant" => Workloads.Constant(spec.Utilization),
        "steps" => Workloads.StaggeredSteps(TimeSpan.FromSeconds(spec.PeriodSeconds), spec.Low, spec.High),
        _ => throw new ArgumentException($"Unknown workload '{spec.Kind}'."),
    };
}
