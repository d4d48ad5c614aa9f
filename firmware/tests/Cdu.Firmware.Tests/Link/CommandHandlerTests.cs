using Cdu.Firmware.Tests.Support;
using System.Text.Json;
using System.Text;
using Cdu.Firmware.Io;
using Cdu.Firmware.Link;
using Cdu.Firmware.Loops;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Modes;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Link;

public sealed class CommandHandlerTests
{
    private static readonly CduTopics Topics = new("site1", "cdu1");
    private readonly CduSettings _settings = new();
    private readonly RecordingBus _bus = new();
    private readonly OperatorOverrides _overrides = new();
    private readonly CduModeSelector _modes = new();
    private readonly SafetyFunctions _safety = new();
    private readonly CduPublisher _publisher;
    private readonly ValveStage _valve;
    private readonly CommandHandler _handler;
    private readonly JsonMessageReader _reader = new();

    public CommandHandlerTests()
    {
        _publisher = new CduPublisher(_bus, Topics);
        _valve = new ValveStage(_settings);
        var pumps = new PumpGroup();
        pumps.Configure(_settings.Pump.Count);
        _handler = new CommandHandler(_settings, _publisher, Topics, _overrides, _modes, _safety, pumps, new CduInputs(), new CduOutputs(),
            new SensorSuite(), new SetpointArbiter(_settings), _valve.Loop, _valve.Tuner);
    }

    private JsonElement Handle(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        _handler.Handle(_reader, _reader.Parse(bytes, 0, bytes.Length), 1_000);
        return _bus.On(Topics.CommandAcknowledgement).Last();
    }

    [Fact]
    public void Manual_positions_are_clamped_to_the_actuators_limits_and_automatic_releases_them()
    {
        Assert.True(Handle("""{"v":1,"seq":1,"command":"manual","actuator":"valve","valuePercent":100}""").GetProperty("status").GetString() == "applied");
        Assert.True(_overrides.ValveManual);
        Assert.Equal(_settings.Valve.MaximumPercent, _overrides.ValveManualPercent);
        Assert.True(Handle("""{"v":1,"seq":2,"command":"manual","actuator":"pumps","valuePercent":0}""").GetProperty("status").GetString() == "applied");
        Assert.Equal(_settings.Pump.MinimumSpeedPercent, _overrides.PumpManualPercent);
        Assert.True(_overrides.AnyManual);

        Assert.True(Handle("""{"v":1,"seq":3,"command":"automatic","actuator":"valve"}""").GetProperty("status").GetString() == "applied");
        Assert.False(_overrides.ValveManual);
        Assert.True(_overrides.PumpManual);
    }

    [Fact]
    public void Stale_sequences_wrong_versions_and_unknown_commands_are_refused_acknowledged_and_counted()
    {
        Assert.True(Handle("""{"v":1,"seq":5,"command":"shutdown"}""").GetProperty("status").GetString() == "applied");
        Assert.True(_overrides.Shutdown);
        Assert.Equal(5, _handler.LastSequence);

        Assert.False(Handle("""{"v":1,"seq":5,"command":"start"}""").GetProperty("status").GetString() == "applied");
        Assert.False(Handle("""{"v":2,"seq":6,"command":"start"}""").GetProperty("status").GetString() == "applied");
        Assert.False(Handle("""{"v":1,"seq":7,"command":"dance"}""").GetProperty("status").GetString() == "applied");
        Assert.False(Handle("""{"v":1,"seq":8,"command":"manual","actuator":"valve","valuePercent":101}""").GetProperty("status").GetString() == "applied");
        Assert.False(Handle("not json").GetProperty("status").GetString() == "applied");
        Assert.True(_overrides.Shutdown);
        Assert.Equal(5, _handler.LastSequence);
        Assert.Equal(5, _publisher.RejectedMessages);
        Assert.Equal(6, _publisher.Acknowledgements);
        Assert.Equal(5, _bus.On(Topics.Event).Count(e => e.GetProperty("name").GetString() == EventNames.MessageRejected));

        Assert.True(Handle("""{"v":1,"seq":9,"command":"start"}""").GetProperty("status").GetString() == "applied");
        Assert.False(_overrides.Shutdown);
    }

    [Fact]
    public void Autotune_needs_automatic_or_fallback_and_the_valve()
    {
        Assert.False(Handle("""{"v":1,"seq":1,"command":"autotune","actuator":"valve"}""").GetProperty("status").GetString() == "applied");
        _modes.Boot(0);
        _modes.ProveFlow(true, 500, 100, 0, 0);
        _modes.Select(0, null, false, false, false, false);
        Assert.False(Handle("""{"v":1,"seq":2,"command":"autotune","actuator":"pumps"}""").GetProperty("status").GetString() == "applied");
        Assert.True(Handle("""{"v":1,"seq":3,"command":"autotune","actuator":"valve"}""").GetProperty("status").GetString() == "applied");
        Assert.True(_valve.Tuner.IsRunning);
        Assert.False(_overrides.TuningReported);
        Assert.False(Handle("""{"v":1,"seq":4,"command":"autotune","actuator":"valve"}""").GetProperty("status").GetString() == "applied");
        Assert.True(Handle("""{"v":1,"seq":5,"command":"abortAutotune"}""").GetProperty("status").GetString() == "applied");
        Assert.False(_valve.Tuner.IsRunning);
    }
}
