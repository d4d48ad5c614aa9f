using System.Text;
using Cdu.Firmware.Config;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Tests.Link;

public sealed class RequestSessionTests
{
    private const double DewPoint = 11.0;
    private const long SupervisorEpoch = 1_764_000_000_000;
    private readonly CduSettings _settings = new();
    private readonly VolatileStorage _storage = new();
    private readonly JsonMessageReader _reader = new();
    private readonly SetpointDecision _decision = new();
    private SetpointArbiter _arbiter;

    public RequestSessionTests() => _arbiter = Restart();

    private SetpointArbiter Restart()
    {
        var session = new RequestSession(_storage);
        session.Load();
        return _arbiter = new SetpointArbiter(_settings, session);
    }

    private SetpointDecision Decide(long epoch, long seq, double celsius = 31)
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"v":1,"epoch":{{epoch}},"seq":{{seq}},"leaseSeconds":30,"supplyTemperatureCelsius":{{celsius}}}""");
        Assert.Equal(JsonError.None, _reader.Parse(bytes, 0, bytes.Length));
        _arbiter.Decide(_reader, 0, DewPoint, _decision);
        return _decision;
    }

    [Theory]
    [InlineData("""{"v":1,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""")]
    [InlineData("""{"v":1,"epoch":0,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""")]
    [InlineData("""{"v":1,"epoch":"1","seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""")]
    [InlineData("""{"v":1,"epoch":9007199254740992,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""")]
    [InlineData("""{"v":1,"epoch":4611686018427387904,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""")]
    public void A_request_without_a_valid_epoch_is_refused(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(JsonError.None, _reader.Parse(bytes, 0, bytes.Length));
        _arbiter.Decide(_reader, 0, DewPoint, _decision);
        Assert.Equal(SetpointStatus.Rejected, _decision.Status);
        Assert.Equal(SetpointReasons.MissingEpoch, _decision.Reason);
    }

    [Fact]
    public void A_huge_seq_is_refused_as_a_jump_and_the_supervisor_goes_on_undisturbed()
    {
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch, 1).Status);

        Assert.Equal(SetpointReasons.MissingSequence, Decide(SupervisorEpoch, 1L << 62).Reason); // 19 digits: not even read
        var rogue = Decide(SupervisorEpoch, 1L << 50);
        Assert.Equal(SetpointStatus.Rejected, rogue.Status);
        Assert.Equal(SetpointReasons.SequenceJumpTooLarge, rogue.Reason);
        Assert.Equal(1, rogue.SessionLastSequence);
        Assert.Equal(SetpointReasons.SequenceJumpTooLarge, Decide(SupervisorEpoch + 1, 1L << 50).Reason);

        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch, 2).Status);
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch, 2 + RequestSession.MaximumSequenceStep).Status);
        Assert.Equal(SetpointReasons.SequenceJumpTooLarge, Decide(SupervisorEpoch, 3 + 2 * RequestSession.MaximumSequenceStep).Reason);
    }

    [Fact]
    public void A_new_epoch_opens_a_session_whose_first_seq_is_small_and_older_epochs_are_stale()
    {
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch, 500).Status);
        Assert.Equal(SetpointReasons.SequenceJumpTooLarge, Decide(SupervisorEpoch + 1, RequestSession.MaximumSequenceStep + 1).Reason);
        Assert.Equal(SetpointReasons.EpochJumpTooLarge, Decide(SupervisorEpoch + RequestSession.MaximumEpochStep + 1, 1).Reason);

        var opened = Decide(SupervisorEpoch + 1, 1);
        Assert.Equal(SetpointStatus.Accepted, opened.Status);
        Assert.Equal(SupervisorEpoch + 1, opened.SessionEpoch);
        Assert.Equal(1, opened.SessionLastSequence);

        var stale = Decide(SupervisorEpoch, 501);
        Assert.Equal(SetpointReasons.StaleEpoch, stale.Reason);
        Assert.Equal(SupervisorEpoch + 1, stale.SessionEpoch); // the acknowledgement tells the supervisor where to start anew
        Assert.Equal(SetpointReasons.ReplayedSequence, Decide(SupervisorEpoch + 1, 1).Reason);
    }

    [Fact]
    public void The_epoch_survives_a_restart_so_older_epochs_stay_closed_but_the_current_one_continues()
    {
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch, 40).Status);
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch + 5, 3).Status);

        Restart();
        Assert.Equal(SupervisorEpoch + 5, _arbiter.Epoch);
        Assert.Equal(0, _arbiter.LastSequence);
        Assert.Equal(SetpointReasons.StaleEpoch, Decide(SupervisorEpoch, 41).Reason);
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch + 5, 4).Status);
    }

    [Fact]
    public void The_epoch_is_written_when_it_changes_not_for_every_request()
    {
        var counting = new CountingStorage();
        _arbiter = new SetpointArbiter(_settings, new RequestSession(counting));
        for (var seq = 1; seq <= 50; seq++) Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch, seq).Status);
        Assert.Equal(SetpointStatus.Accepted, Decide(SupervisorEpoch + 1, 1).Status);
        Assert.Equal(2, counting.Writes);
    }

    [Fact]
    public void A_corrupt_stored_session_starts_at_epoch_zero()
    {
        var garbage = Encoding.UTF8.GetBytes("""{"formatVersion":1,"epoch":99,"crc32":"00000000"}""");
        _storage.Write(RequestSession.RecordName, garbage, garbage.Length);
        var session = new RequestSession(_storage);
        Assert.False(session.Load());
        Assert.Equal(0, session.Epoch);
    }

    private sealed class CountingStorage : Platform.IPersistentStorage
    {
        private readonly VolatileStorage _inner = new();

        public int Writes { get; private set; }

        public int Read(string name, byte[] buffer) => _inner.Read(name, buffer);

        public bool Write(string name, byte[] buffer, int length)
        {
            Writes++;
            return _inner.Write(name, buffer, length);
        }
    }
}
