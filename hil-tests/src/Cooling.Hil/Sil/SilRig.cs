using System.Globalization;
using System.Text;
using Cdu.Firmware;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Cooling.Models.Plant;
using Cooling.Twin;

namespace Cooling.Hil.Sil;

/// <summary>
/// Software in the loop for one CDU: the real firmware core on the twin's plant, in process, on simulated time,
/// deterministic for a seed. Each <see cref="Step"/> is one control period: the core runs its cycle on the plant's
/// sensors, then the plant advances under the core's commands. Supervisor requests, operator commands and
/// configuration updates go straight into the core's inbox; everything the core publishes is kept in order.
/// </summary>
public sealed class SilRig
{
    private long _requestSequence;
    private long _commandSequence;
    private double _supervisorSupplyCelsius = double.NaN;
    private int _supervisorLeaseSeconds;
    private double _nextRenewalSeconds;

    public SilRig(CduSettings? settings = null, LoopDescription? loop = null, int seed = 1, IPersistentStorage? storage = null, IMessageBus? bus = null,
        double valveTravelLimitPercent = 100)
    {
        Settings = settings ?? new CduSettings();
        Plant = new SecondaryLoopPlant(loop ?? new LoopDescription(), seed);
        Io = new SimulatedCduIo(Plant, Settings, seed: 100 + seed);
        Topics = new CduTopics("sil", "cdu1");
        Bus = new CapturingBus();
        ICduIo io = valveTravelLimitPercent < 100 ? new ValveStopIo(Io, valveTravelLimitPercent) : Io;
        Controller = storage is null
            ? new CduController(Settings, Clock, io, bus ?? Bus, Topics)
            : new CduController(Settings, Clock, io, bus ?? Bus, Topics, storage);
    }

    public CduSettings Settings { get; }

    public SecondaryLoopPlant Plant { get; }

    public SimulatedCduIo Io { get; }

    public SimulationClock Clock { get; } = new();

    public CduTopics Topics { get; }

    public CapturingBus Bus { get; }

    public CduController Controller { get; }

    public double PeriodSeconds => Settings.Timing.ControlPeriodMilliseconds / 1000.0;

    /// <summary>Plant time, s.</summary>
    public double Seconds => Clock.ElapsedMilliseconds / 1000.0;

    /// <summary>Sets every rack's GPU utilization (0 … 1).</summary>
    public void SetUtilization(double utilization)
    {
        foreach (var rack in Plant.Racks)
        {
            rack.Utilization = utilization;
        }
    }

    /// <summary>
    /// Emulates a supervisor that keeps requesting <paramref name="supplyTemperatureCelsius"/> with a lease, renewed
    /// every <paramref name="renewalSeconds"/>; NaN makes it go silent.
    /// </summary>
    public void Supervise(double supplyTemperatureCelsius, int leaseSeconds = 30, double renewalSeconds = 10)
    {
        _supervisorSupplyCelsius = supplyTemperatureCelsius;
        _supervisorLeaseSeconds = leaseSeconds;
        _renewalSeconds = renewalSeconds;
        _nextRenewalSeconds = Seconds;
    }

    private double _renewalSeconds;

    /// <summary>One control period: the core's cycle, then the plant.</summary>
    public void Step()
    {
        if (!double.IsNaN(_supervisorSupplyCelsius) && Seconds >= _nextRenewalSeconds)
        {
            _nextRenewalSeconds = Seconds + _renewalSeconds;
            Request(_supervisorSupplyCelsius, _supervisorLeaseSeconds);
        }

        Controller.RunCycle();
        AdvancePlant();
    }

    /// <summary>Advances the plant and the clock by one control period without a control cycle (a hung controller).</summary>
    public void AdvancePlant()
    {
        Io.StepPlant(PeriodSeconds);
        Clock.Advance(Settings.Timing.ControlPeriodMilliseconds);
    }

    public void RunFor(double seconds, Action? afterEachStep = null)
    {
        var steps = (long)Math.Round(seconds / PeriodSeconds);
        for (long i = 0; i < steps; i++)
        {
            Step();
            afterEachStep?.Invoke();
        }
    }

    /// <summary>Steps until <paramref name="condition"/> holds; returns the plant time it took, s (∞ when it never did).</summary>
    public double RunUntil(Func<bool> condition, double timeoutSeconds)
    {
        var start = Seconds;
        while (Seconds - start < timeoutSeconds)
        {
            Step();
            if (condition())
            {
                return Seconds - start;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>Delivers a supervisor setpoint request with the next sequence number; returns the sequence number.</summary>
    public long Request(double supplyTemperatureCelsius, int leaseSeconds = 30, double? itLoadKilowatts = null)
    {
        _requestSequence++;
        var load = itLoadKilowatts is { } kw ? string.Create(CultureInfo.InvariantCulture, $",\"itLoadKilowatts\":{kw}") : "";
        Deliver(Topics.SetpointRequest, string.Create(CultureInfo.InvariantCulture,
            $$"""{"v":1,"epoch":1,"seq":{{_requestSequence}},"leaseSeconds":{{leaseSeconds}},"supplyTemperatureCelsius":{{supplyTemperatureCelsius}}{{load}}}"""));
        return _requestSequence;
    }

    /// <summary>Delivers an operator command, e.g. <c>"command":"reset"</c> (the envelope and sequence are added).</summary>
    public void Command(string members)
    {
        _commandSequence++;
        Deliver(Topics.Command, $$"""{"v":1,"seq":{{_commandSequence}},{{members}}}""");
    }

    public void Deliver(string topic, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        Controller.Inbox.TryEnqueue(topic, bytes, 0, bytes.Length);
    }

    /// <summary>Keeps every publication of the core, in order.</summary>
    public sealed class CapturingBus : IMessageBus
    {
        public List<(string Topic, string Payload)> Messages { get; } = [];

        /// <summary>False stops keeping messages (long runs that only need the plant).</summary>
        public bool Keep { get; set; } = true;

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
        {
            if (Keep)
            {
                Messages.Add((topic, Encoding.UTF8.GetString(payload, 0, length)));
            }
        }

        public IEnumerable<string> On(string topic) => Messages.Where(m => m.Topic == topic).Select(m => m.Payload);
    }
}
