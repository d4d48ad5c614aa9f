using Cdu.Firmware;
using Cdu.Firmware.Io;
using Cooling.Hil.Rig;
using Cooling.Hil.Scenarios;
using Cooling.Models.Plant;
using Cooling.Twin;
using Cooling.Twin.Rig;

namespace Cooling.Hil.Virtual;

/// <summary>
/// The plant the rig plays for one virtual CDU: the twin's loop plant and its simulated instruments (the same as the
/// SIL target's, same seeds), read and written through the twin's HIL I/O codec (<see cref="HilSensorWriter"/>,
/// <see cref="HilActuatorReader"/>). It steps one control period at a time; plant time 0 is the CDU's uptime at its
/// first actuator message (free-running) or the CDU's clock itself (lockstep, <see cref="FollowPlantClock"/>). It
/// keeps what tells whether the CDU kept time: refused and stale-scan actuator messages, the longest step of the CDU's
/// clock between two. Not thread-safe: one loop drives it.
/// </summary>
public sealed class VirtualPlant : IDisposable
{
    private readonly CduOutputs _received = new();
    private readonly CduInputs _scan = new();
    private readonly HilSensorWriter _writer = new();
    private readonly double _valveTravelLimitPercent;
    private long _scans;
    private long _steps;

    public VirtualPlant(Scenario scenario, CduSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Settings = settings;
        Plant = new SecondaryLoopPlant(ScenarioPlant.Loop(scenario), seed);
        Io = new SimulatedCduIo(Plant, settings, seed: 100 + seed)
        {
            AmbientTemperatureCelsius = scenario.Hall.AmbientTemperatureCelsius,
            RelativeHumidityPercent = scenario.Hall.RelativeHumidityPercent,
        };
        Plant.ReservoirLevelPercent = scenario.Initial.ReservoirLevelPercent;
        _valveTravelLimitPercent = scenario.Plant.ValveTravelLimitPercent;
    }

    public CduSettings Settings { get; }

    public SecondaryLoopPlant Plant { get; }

    public SimulatedCduIo Io { get; }

    public double PeriodSeconds => Settings.Timing.ControlPeriodMilliseconds / 1000.0;

    /// <summary>Plant time since the CDU's first actuator message, s.</summary>
    public double Seconds => _steps * PeriodSeconds;

    /// <summary>The CDU's uptime at its first actuator message (plant time 0), ms; −1 before it.</summary>
    public long OriginUptimeMilliseconds { get; private set; } = -1;

    public long ActuatorMessages { get; private set; }

    public long RefusedActuatorMessages { get; private set; }

    public string? LastRefusal { get; private set; }

    /// <summary>Actuator messages in which the CDU said it found the rig's scans stale.</summary>
    public long StaleScanMessages { get; private set; }

    /// <summary>Largest step of the CDU's uptime between two actuator messages, ms (one control period when it keeps time).</summary>
    public long LongestUptimeGapMilliseconds { get; private set; }

    private long _lastUptime = -1;

    /// <summary>
    /// Reads an actuator message: null and the CDU's uptime (plant-clock seconds since the origin) when it is valid —
    /// then <see cref="ApplyCommands"/> puts it to the plant — else the reason it was refused (counted).
    /// </summary>
    public string? Read(byte[] payload, out double cduSeconds)
    {
        cduSeconds = double.NaN;
        var reason = HilActuatorReader.Read(payload, _received, out _);
        var fresh = true;
        var uptime = reason is null ? HilActuatorReader.UptimeMilliseconds(payload, out fresh) : -1;
        if (reason is null && uptime < 0) reason = "uptimeMilliseconds: a non-negative integer is required";
        if (reason is not null)
        {
            RefusedActuatorMessages++;
            LastRefusal = reason;
            return reason;
        }

        ActuatorMessages++;
        if (!fresh) StaleScanMessages++;
        if (OriginUptimeMilliseconds < 0) OriginUptimeMilliseconds = uptime;
        if (_lastUptime >= 0) LongestUptimeGapMilliseconds = Math.Max(LongestUptimeGapMilliseconds, uptime - _lastUptime);
        _lastUptime = uptime;
        cduSeconds = (uptime - OriginUptimeMilliseconds) / 1000.0;
        return null;
    }

    /// <summary>The commands of the last valid actuator message drive the plant from now on (through the valve's mechanical stop, if any).</summary>
    public void ApplyCommands()
    {
        Io.WriteOutputs(_received);
        if (_valveTravelLimitPercent < 100) Io.Commands.ValveCommandPercent = Math.Min(Io.Commands.ValveCommandPercent, _valveTravelLimitPercent);
    }

    /// <summary>One control period of plant time under the commands in force.</summary>
    public void Step()
    {
        Io.StepPlant(PeriodSeconds);
        _steps++;
    }

    /// <summary>The <c>seq</c> of the last scan (they rise from 1).</summary>
    public long ScanSequence => _scans;

    /// <summary>
    /// Later scans go above <paramref name="sequence"/>: a CDU in lockstep whose clock stood since an earlier rig's last
    /// scan still holds that scan fresh and refuses a <c>seq</c> not above it (docs/hil-io.md).
    /// </summary>
    public void ContinueScansAbove(long sequence) => _scans = Math.Max(_scans, sequence);

    /// <summary>The sensor scan of the plant now (valid until the next call).</summary>
    public ReadOnlyMemory<byte> Scan()
    {
        Io.ReadInputs(_scan);
        return _writer.Write(_scan, ++_scans);
    }

    /// <summary>
    /// The sensor scan of the plant now carrying the plant's time, <c>plantMilliseconds</c>, first (lockstep: a CDU
    /// started with <c>--clock hil</c> moves its clock to it; docs/hil-io.md).
    /// </summary>
    public byte[] ScanAtPlantTime()
    {
        Io.ReadInputs(_scan);
        return _writer.Write(_scan, ++_scans, PlantMilliseconds).ToArray();
    }

    /// <summary>
    /// The CDU's clock at plant time 0 in lockstep, ms: 0 for a CDU that starts with the run; where the clock of a CDU
    /// that ran before stands (the device target). Set only before the plant moves (<see cref="RestAt"/>).
    /// </summary>
    public long ClockOriginMilliseconds { get; private set; }

    /// <summary>Lockstep: the plant time the next <see cref="ScanAtPlantTime"/> carries, ms on the CDU's clock.</summary>
    public long PlantMilliseconds => ClockOriginMilliseconds + _steps * Settings.Timing.ControlPeriodMilliseconds;

    /// <summary>
    /// Lockstep, before the plant moves: the CDU's clock stands at <paramref name="milliseconds"/> with the plant at rest
    /// (a scan at plant time then carries it; the device target brings a CDU to the scenario's start so).
    /// </summary>
    public void RestAt(long milliseconds)
    {
        if (_steps > 0) throw new InvalidOperationException("the plant has moved: its clock origin is fixed");
        ClockOriginMilliseconds = milliseconds;
    }

    /// <summary>Lockstep: the CDU's clock is the plant's, from <see cref="ClockOriginMilliseconds"/> (plant time 0).</summary>
    public void FollowPlantClock() => OriginUptimeMilliseconds = ClockOriginMilliseconds;

    public void Dispose() => _writer.Dispose();
}
