using System.Globalization;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Alarms;

/// <summary>
/// The GPU alarms, one set per GPU (sources <c>{site}/rack/{rack}/gpu/{index}</c> for the die temperature and
/// throttling, <c>…/gpu/{index}/memory</c> for the memory temperature), with the thresholds, hysteresis, dwell and
/// start-up suppression of <see cref="AlarmOptions"/>. Each rack message is judged once. The cost stays bounded at a
/// site's 100,000 GPUs: a rack whose latest message has no GPU at or above a caution threshold minus its hysteresis,
/// none throttling and no GPU alarm alive (active or timing a raise) is passed over on the summary its GPU table keeps;
/// otherwise only its GPUs near a threshold or with an alarm alive are run through the engine. A GPU left out of the
/// latest message is not judged (its alarms hold until it reports again), nor is a memory temperature or throttle flag
/// the message does not carry.
/// </summary>
internal sealed class GpuAlarmRules
{
    public const string MemorySuffix = "/memory";
    private const string GpuPart = "/gpu/";
    private readonly AlarmEngine _engine;
    private readonly Dictionary<string, RackState> _racks = new(StringComparer.Ordinal);
    private readonly GpuReading[] _latest = new GpuReading[RackTelemetryReader.MaximumGpus];

    public GpuAlarmRules(AlarmEngine engine)
    {
        _engine = engine;
        foreach (var alarm in engine.Open())
        {
            if (alarm.Active && TryParseSource(alarm.Source, out var rackSource, out var index)) Rack(rackSource).Alive.Add(index); // restored at start
        }
    }

    /// <summary>GPUs of the hall with an alarm alive (active or timing a raise): the ones judged on every message of their rack.</summary>
    public int GpusAlive => _racks.Values.Sum(r => r.Alive.Count);

    /// <summary>Judges the GPUs of the rack's latest message, if it was not judged yet.</summary>
    public void Evaluate(RackView rack, string rackSource, DateTimeOffset now, bool mayRaise)
    {
        var table = rack.Gpus;
        var state = _racks.GetValueOrDefault(rackSource);
        var judged = state?.JudgedMessage ?? 0;
        var latest = table.Latest;
        if (latest.Message == judged) return;
        var o = _engine.Options;
        var near = latest.HottestTemperatureCelsius >= o.GpuTemperatureCelsius.Caution - o.GpuTemperatureCelsius.Hysteresis
            || latest.HottestMemoryTemperatureCelsius >= o.GpuMemoryTemperatureCelsius.Caution - o.GpuMemoryTemperatureCelsius.Hysteresis
            || latest.ThrottledGpus > 0;
        if (!near && (state is null || state.Alive.Count == 0))
        {
            if (state is not null) state.JudgedMessage = latest.Message;
            return;
        }

        state ??= Rack(rackSource);
        var count = table.CopyLatest(_latest, out var message);
        state.JudgedMessage = message;
        for (var i = 0; i < count; i++)
        {
            Judge(rack, rackSource, state, _latest[i], now, mayRaise);
        }
    }

    private void Judge(RackView rack, string rackSource, RackState state, GpuReading gpu, DateTimeOffset now, bool mayRaise)
    {
        var o = _engine.Options;
        var temperature = o.GpuTemperatureCelsius;
        var memory = o.GpuMemoryTemperatureCelsius;
        var wasAlive = state.Alive.Contains(gpu.Index);
        var near = gpu.TemperatureCelsius >= temperature.Caution - temperature.Hysteresis
            || gpu.MemoryTemperatureCelsius >= memory.Caution - memory.Hysteresis
            || gpu.Throttled == true;
        if (!near && !wasAlive) return;

        var site = rack.SiteId;
        var source = state.Source(rackSource, gpu.Index);
        var alive = Pair(site, source, gpu.TemperatureCelsius, temperature, mayRaise, now,
            (v, limit) => F($"GPU {gpu.Index} of rack {rack.RackId} at {v:F1} °C (threshold {limit:F1} °C)"));
        var memorySource = source + MemorySuffix;
        if (double.IsNaN(gpu.MemoryTemperatureCelsius))
        {
            alive |= Hold(memorySource, HallAlarmRules.AboveUpperCaution, HallAlarmRules.AboveUpperCritical);
        }
        else
        {
            alive |= Pair(site, memorySource, gpu.MemoryTemperatureCelsius, memory, mayRaise, now,
                (v, limit) => F($"memory of GPU {gpu.Index} of rack {rack.RackId} at {v:F1} °C (threshold {limit:F1} °C)"));
        }

        var throttleKey = new AlarmKey(AlarmOrigin.Supervisor, HallAlarmRules.GpuThrottled, source);
        if (gpu.Throttled is { } throttled)
        {
            // One GPU throttling is the caution count of ThrottledGpus: its dwell and clear dwell apply to each GPU.
            alive |= _engine.Threshold(throttleKey, AlarmSeverity.Warning, site, throttled ? 1 : 0, 1, o.ThrottledGpus, mayRaise,
                () => F($"GPU {gpu.Index} of rack {rack.RackId} throttling"), now);
        }
        else
        {
            alive |= Hold(throttleKey);
        }

        if (alive) state.Alive.Add(gpu.Index);
        else state.Alive.Remove(gpu.Index);
    }

    private bool Pair(string site, string source, double value, ThresholdAlarmOptions limits, bool mayRaise, DateTimeOffset now, Func<double, double, string> message)
    {
        var caution = _engine.Threshold(new AlarmKey(AlarmOrigin.Supervisor, HallAlarmRules.AboveUpperCaution, source), AlarmSeverity.Warning, site, value,
            limits.Caution, limits, mayRaise, () => message(value, limits.Caution), now);
        var critical = _engine.Threshold(new AlarmKey(AlarmOrigin.Supervisor, HallAlarmRules.AboveUpperCritical, source), AlarmSeverity.Critical, site, value,
            limits.Critical, limits, mayRaise, () => message(value, limits.Critical), now);
        return caution || critical;
    }

    // An unknown value: the conditions' timers stop; true when one of them is active (it stays alive until judged again).
    private bool Hold(string source, string cautionCode, string criticalCode) =>
        Hold(new AlarmKey(AlarmOrigin.Supervisor, cautionCode, source)) | Hold(new AlarmKey(AlarmOrigin.Supervisor, criticalCode, source));

    private bool Hold(AlarmKey key)
    {
        _engine.Hold(key);
        return _engine.IsActive(key);
    }

    private RackState Rack(string rackSource)
    {
        if (!_racks.TryGetValue(rackSource, out var state))
        {
            state = new RackState();
            _racks[rackSource] = state;
        }

        return state;
    }

    /// <summary>Splits a GPU alarm source "{rack source}/gpu/{index}[/memory]".</summary>
    internal static bool TryParseSource(string source, out string rackSource, out int index)
    {
        rackSource = "";
        index = -1;
        var at = source.LastIndexOf(GpuPart, StringComparison.Ordinal);
        if (at < 0) return false;
        var rest = source.AsSpan(at + GpuPart.Length);
        if (rest.EndsWith(MemorySuffix, StringComparison.Ordinal)) rest = rest[..^MemorySuffix.Length];
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out index)) return false;
        rackSource = source[..at];
        return true;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class RackState
    {
        private string?[] _sources = [];

        /// <summary>The table message judged last (0: none).</summary>
        public long JudgedMessage { get; set; }

        /// <summary>GPU indexes with an alarm active or a raise being timed.</summary>
        public HashSet<int> Alive { get; } = [];

        // "{rack source}/gpu/{index}", made once per GPU that ever came near a threshold.
        public string Source(string rackSource, int index)
        {
            if (index >= _sources.Length) Array.Resize(ref _sources, Math.Max(index + 1, _sources.Length * 2));
            return _sources[index] ??= string.Create(CultureInfo.InvariantCulture, $"{rackSource}{GpuPart}{index}");
        }
    }
}
