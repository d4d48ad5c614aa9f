using BenchmarkDotNet.Attributes;
using Cdu.Firmware;
using Cdu.Firmware.Config;
using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Benchmarks;

/// <summary>
/// One full control cycle (sensor validation and vote, inbox, safety, mode, both loops, pump group, alarms,
/// outputs, telemetry every tenth cycle) against the cost of the I/O alone (the baseline: reading and writing the
/// loopback plant), so the ratio is the core's own work.
/// </summary>
[MemoryDiagnoser]
public class ControlCycleBenchmarks
{
    private readonly SteppingClock _clock = new();
    private readonly LoopbackPlantIo _io = new();
    private readonly CduInputs _inputs = new();
    private readonly CduOutputs _outputs = new();
    private CduController _controller = null!;

    [GlobalSetup]
    public void Setup()
    {
        _controller = new CduController(new CduSettings { Lease = { MaximumSeconds = 86400 } }, _clock, _io, new NullBus(), new CduTopics("site1", "cdu1"), new VolatileStorage());
        var request = System.Text.Encoding.UTF8.GetBytes("""{"v":1,"epoch":1,"seq":1,"leaseSeconds":86400,"supplyTemperatureCelsius":29}""");
        _controller.Inbox.TryEnqueue(_controller.Topics.SetpointRequest, request, 0, request.Length);
        for (var i = 0; i < 2_000; i++)
        {
            _controller.RunCycle();
        }
    }

    [Benchmark(Baseline = true, Description = "I/O only (read + write)")]
    public void InputOutputOnly()
    {
        _io.ReadInputs(_inputs);
        _io.WriteOutputs(_outputs);
    }

    [Benchmark(Description = "full control cycle")]
    public void FullControlCycle() => _controller.RunCycle();

    /// <summary>Advances 100 ms per reading, so every RunCycle is one control period.</summary>
    private sealed class SteppingClock : IClock
    {
        private long _now;

        public long GetUptimeMilliseconds() => _now += 50; // RunCycle reads the clock twice
    }
}
