using System.Globalization;
using System.Text;
using System.Text.Json;
using Cdu.Firmware;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Cooling.Hil.Scenarios;
using Cooling.Models.Plant;
using Cooling.Twin;

namespace Cooling.Hil.Sil;

/// <summary>
/// Software in the loop: the real firmware core on the twin's plant, in process, on simulated time — deterministic.
/// An emulated supervisor delivers the scenario's leased requests straight into the core's inbox and reads its
/// acknowledgements from the core's publications.
/// </summary>
public static class SilRunner
{
    private const int ControlPeriodMilliseconds = 100;

    public static RunResult Run(Scenario scenario, CduSettings? settings = null)
    {
        settings ??= new CduSettings();
        var plant = new SecondaryLoopPlant(new LoopDescription { RackCount = scenario.Racks });
        var io = new SimulatedCduIo(plant, settings);
        var clock = new SimulationClock();
        var bus = new AcknowledgementBus();
        var topics = new CduTopics("sil", "cdu1");
        var controller = new CduController(settings, clock, io, bus, topics);
        var workload = Workload(scenario.Workload);
        var trace = new List<TraceSample>();
        var requests = new List<RequestRecord>();
        bus.Requests = requests;
        var steps = (long)(scenario.DurationSeconds * 1000 / ControlPeriodMilliseconds);
        double nextRequestSeconds = 0;
        long sequence = 0;
        for (long step = 0; step < steps; step++)
        {
            var seconds = clock.ElapsedMilliseconds / 1000.0;
            if (scenario.Supervisor is { } sup && seconds >= nextRequestSeconds && (sup.StopAtSeconds is not { } stop || seconds < stop))
            {
                nextRequestSeconds = seconds + sup.RenewalSeconds;
                sequence++;
                var request = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"v":1,"seq":{{sequence}},"leaseSeconds":{{sup.LeaseSeconds}},"supplyTemperatureCelsius":{{sup.SupplyTemperatureCelsius}}}"""));
                controller.Inbox.TryEnqueue(topics.SetpointRequest, request, 0, request.Length);
                requests.Add(new RequestRecord(sequence, seconds));
            }

            for (var r = 0; r < plant.Racks.Length; r++)
            {
                plant.Racks[r].Utilization = workload(TimeSpan.FromSeconds(seconds), 0, r);
            }

            controller.RunCycle();
            io.StepPlant(ControlPeriodMilliseconds / 1000.0);
            clock.Advance(ControlPeriodMilliseconds);
            trace.Add(new TraceSample(seconds, plant.SupplyCelsius, controller.EffectiveSupplySetpointCelsius,
                plant.Racks.Max(r => r.HottestGpuCelsius), io.ValveCommandPercent, controller.Mode == CduMode.Fallback));
        }

        var verdicts = scenario.Criteria
            .Select(c => new Verdict(c, Kpis.Compute(c.Kpi, trace, requests, c.FromSeconds)))
            .ToList();
        return new RunResult(scenario, verdicts, trace);
    }

    private static RackUtilization Workload(WorkloadSpec spec) => spec.Kind switch
    {
        "constant" => Workloads.Constant(spec.Utilization),
        "steps" => Workloads.StaggeredSteps(TimeSpan.FromSeconds(spec.PeriodSeconds), spec.Low, spec.High),
        _ => throw new ArgumentException($"Unknown workload '{spec.Kind}'."),
    };

    private sealed class AcknowledgementBus : IMessageBus
    {
        public List<RequestRecord> Requests { get; set; } = [];

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
        {
            if (!topic.EndsWith("/setpoint/ack", StringComparison.Ordinal))
            {
                return;
            }

            var ack = JsonDocument.Parse(payload.AsMemory(0, length)).RootElement;
            var sequence = ack.GetProperty("seq").GetInt64();
            if (Requests.FirstOrDefault(r => r.Sequence == sequence) is { } request)
            {
                request.Status = ack.GetProperty("status").GetString();
            }
        }
    }
}
