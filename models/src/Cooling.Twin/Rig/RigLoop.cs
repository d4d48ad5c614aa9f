using System.Text.Json;
using Cooling.Mqtt.Topics;
using Cdu.Firmware.Io;
using Cooling.Models;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;

namespace Cooling.Twin.Rig;

/// <summary>
/// The plant of one external CDU in rig mode: the CDU's actuator messages (any thread, <see cref="AcceptActuators"/>)
/// set the commands the plant runs under; <see cref="Step"/> advances the plant one control period and writes the
/// sensor scan the CDU's hardware would deliver (<see cref="SimulatedCduIo"/>: thermowell lag, noise, 4–20 mA).
/// The CDU's telemetry (<see cref="AcceptTelemetry"/>) tells the rig the setpoint the CDU works on and its mode, for
/// the statistics. A refused actuator message is counted with its reason and changes nothing.
/// </summary>
public sealed class RigLoop : IDisposable
{
    private readonly object _gate = new();
    private readonly CduOutputs _received = new();
    private readonly CduInputs _scan = new();
    private readonly HilSensorWriter _writer = new();
    private readonly long _stepMilliseconds;
    private double _setpointCelsius = double.NaN;
    private string _mode = "unknown";
    private long _sensorSequence;
    private long _plantMilliseconds;

    public RigLoop(int index, string cduId, HilTopics topics, SecondaryLoopPlant plant, SimulatedCduIo io, long stepMilliseconds, double settleSeconds)
    {
        Index = index;
        CduId = cduId;
        Topics = topics;
        Plant = plant;
        Io = io;
        _stepMilliseconds = stepMilliseconds;
        Statistics = new LoopStatistics { SettleSeconds = settleSeconds };
        Statistics.Begin(plant.StoredHeatJoules);
    }

    public int Index { get; }

    public string CduId { get; }

    public HilTopics Topics { get; }

    public SecondaryLoopPlant Plant { get; }

    public SimulatedCduIo Io { get; }

    public LoopStatistics Statistics { get; }

    /// <summary>Plant time of this loop.</summary>
    public TimeSpan PlantTime => TimeSpan.FromMilliseconds(Interlocked.Read(ref _plantMilliseconds));

    /// <summary>Actuator messages taken.</summary>
    public long AcceptedActuatorMessages { get; private set; }

    /// <summary>The latest CDU clock an accepted actuator message carried (<c>uptimeMilliseconds</c>), ms; −1 before the first.</summary>
    public long LastUptimeMilliseconds { get; private set; } = -1;

    /// <summary>Actuator messages refused (their reason: <see cref="LastRejection"/>).</summary>
    public long RejectedActuatorMessages { get; private set; }

    public string? LastRejection { get; private set; }

    /// <summary>Sensor scans written.</summary>
    public long SensorMessages => Interlocked.Read(ref _sensorSequence);

    /// <summary>The setpoint the CDU reported last, °C (NaN before its first telemetry).</summary>
    public double SetpointCelsius
    {
        get { lock (_gate) return _setpointCelsius; }
    }

    /// <summary>The mode the CDU reported last ("unknown" before its first telemetry).</summary>
    public string Mode
    {
        get { lock (_gate) return _mode; }
    }

    /// <summary>A consistent picture of the plant and the CDU's commands now (safe from any thread).</summary>
    public RigLoopStatus Status()
    {
        lock (_gate)
        {
            var commands = Io.Commands;
            return new RigLoopStatus(CduId, PlantTime, Plant.SupplyCelsius, _setpointCelsius, _mode, commands.ValveCommandPercent,
                Plant.Valve.PositionPercent, commands.PumpRunCommand[0] ? commands.PumpSpeedCommandPercent[0] : double.NaN,
                Plant.FlowLitersPerMinute, Plant.DeltaPressureKpa, Plant.ItHeatWatts, Plant.HeatExchangerWatts,
                commands.IsolationValvesOpen, AcceptedActuatorMessages, RejectedActuatorMessages);
        }
    }

    /// <summary>Takes an actuator message; true when it now drives the plant.</summary>
    public bool AcceptActuators(ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            var reason = HilActuatorReader.Read(payload, _received, out _);
            if (reason is not null)
            {
                RejectedActuatorMessages++;
                LastRejection = reason;
                return false;
            }

            Io.WriteOutputs(_received);
            AcceptedActuatorMessages++;
            LastUptimeMilliseconds = Math.Max(LastUptimeMilliseconds, HilActuatorReader.UptimeMilliseconds(payload, out _));
            return true;
        }
    }

    /// <summary>Takes the CDU's telemetry (contract v1): its working supply setpoint and mode. Anything unreadable is ignored.</summary>
    public void AcceptTelemetry(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return;
            lock (_gate)
            {
                if (root.TryGetProperty("supplyTemperatureSetpointCelsius", out var setpoint))
                    _setpointCelsius = setpoint.ValueKind == JsonValueKind.Number ? setpoint.GetDouble() : double.NaN;
                if (root.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String)
                    _mode = mode.GetString() ?? _mode;
            }
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>
    /// One control period: the racks take their utilization from <paramref name="workload"/>, the plant advances under
    /// the latest commands and the sensor scan is written, with the plant's time when <paramref name="withPlantTime"/>
    /// (for a CDU in lockstep, <c>--clock hil</c>). The returned memory is valid until the next step.
    /// </summary>
    public ReadOnlyMemory<byte> Step(RackUtilization? workload, bool withPlantTime = false)
    {
        lock (_gate)
        {
            var time = PlantTime;
            if (workload is not null)
            {
                for (var r = 0; r < Plant.Racks.Length; r++) Plant.Racks[r].Utilization = workload(time, Index, r);
            }

            var stepSeconds = _stepMilliseconds / 1000.0;
            Io.StepPlant(stepSeconds);
            Interlocked.Add(ref _plantMilliseconds, _stepMilliseconds);
            Io.ReadInputs(_scan);
            var hottest = double.NegativeInfinity;
            foreach (var rack in Plant.Racks) hottest = Math.Max(hottest, rack.HottestGpuCelsius);

            Statistics.Add(stepSeconds, Plant.SupplyCelsius, _setpointCelsius, hottest, Plant.PumpPowerWatts, Plant.ItHeatWatts,
                Plant.PumpHeatWatts, Plant.HeatExchangerWatts, Plant.StoredHeatJoules);
            return _writer.Write(_scan, Interlocked.Increment(ref _sensorSequence), withPlantTime ? Interlocked.Read(ref _plantMilliseconds) : -1);
        }
    }

    public void Dispose() => _writer.Dispose();
}
