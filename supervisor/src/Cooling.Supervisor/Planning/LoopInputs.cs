using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// What a loop was last planned on — its CDU's telemetry message (each message makes a new object, so identity says
/// "new") and its racks' latest message numbers — and when; the coordinator plans the loop again when either changed.
/// </summary>
internal sealed class LoopInputs
{
    private CduTelemetry? _telemetry;
    private RackView[] _racks = [];

    /// <summary>When the loop was last planned (MinValue: never).</summary>
    public DateTimeOffset PlannedAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>True when the CDU's telemetry or a rack's (or the set of racks) differs from the last planning.</summary>
    public bool IsNew(CduTelemetry telemetry, List<RackView> racks)
    {
        if (!ReferenceEquals(telemetry, _telemetry) || racks.Count != _racks.Length) return true;
        for (var i = 0; i < racks.Count; i++)
        {
            if (!ReferenceEquals(racks[i].Gpus, _racks[i].Gpus) || racks[i].Message != _racks[i].Message) return true;
        }

        return false;
    }

    public void Planned(CduTelemetry telemetry, List<RackView> racks, DateTimeOffset at)
    {
        _telemetry = telemetry;
        if (_racks.Length != racks.Count) _racks = new RackView[racks.Count];
        racks.CopyTo(_racks);
        PlannedAt = at;
    }
}
