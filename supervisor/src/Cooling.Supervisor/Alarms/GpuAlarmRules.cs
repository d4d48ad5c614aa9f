using System.Globalization;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Alarms;

/// <summary>
/// The GPU alarms, one set per GPU (sources <c>{site}/rack/{rack}/gpu/{index}</c> for the die temperature and
/// throttling, <c>…/gpu/{index}/memory</c> for the memory temperature), with the thresholds, hysteresis, dwell and
/// start-up suppression of <see cref="AlarmOptions"/>. Each rack message is judged once. The cost stays bounded at a
/// site's 100,000 GPUs: a rack whose latest message has no GPU at or above a caution threshold minus its hysteresis,
/// none throttling and no GPU condition alive (an alarm active or a raise being timed) is passed over on the summary
/// its GPU table keeps; in the others, a condition goes to the engine only when its value reaches its threshold or the
/// condition is alive (each GPU keeps which of its five are). A GPU left out of the latest message is not judged (its
/// alarms hold until it reports again), nor is a memory temperature or throttle flag the message does not carry.
/// </summary>
internal sealed class GpuAlarmRules
{
    public const string MemorySuffix = "/memory";
    private const string GpuPart = "/gpu/";
    private readonly AlarmEngine _engine;
    private readonly Dictionary<string, RackState> _racks = new(StringComparer.Ordinal);
    private readonly GpuReading[] _latest = new GpuReading[RackTelemetryReader.MaximumGpus];
    private int _gpusAlive;

    public GpuAlarmRules(AlarmEngine engine)
    {
        _engine = engine;
        foreach (var alarm in engine.Open())
        {
            // Restored at start: the conditions of active GPU alarms are alive.
            if (alarm.Active && TryParseSource(alarm.Source, out var rackSource, out var index, out var memory) && ConditionOf(alarm.Code, memory) is { } condition)
            {
                var state = Rack(rackSource);
                Set(state, index, (byte)(Alive(state, index) | (byte)condition));
            }
            else if (alarm.Active && IsFormerRackSource(alarm.Source))
            {
                engine.Retire(alarm.Key, "the rack's hottest-GPU alarms are now kept per GPU (…/gpu/{index}); this one is no longer judged");
            }
        }
    }

    /// <summary>
    /// A source of the former per-rack GPU alarms ("{site}/rack/{rack}/gpu" and "…/gpuMemory", on the rack's hottest GPU),
    /// which a supervisor upgraded to per-GPU alarms finds in its history and no rule clears any more.
    /// </summary>
    internal static bool IsFormerRackSource(string source)
    {
        var parts = source.Split('/');
        return parts.Length == 4 && parts[1] == "rack" && parts[3] is "gpu" or "gpuMemory";
    }

    /// <summary>GPUs of the hall with a condition alive (an alarm active or a raise being timed): the ones judged on every message of their rack.</summary>
    public int GpusAlive => _gpusAlive;

    /// <summary>Judges the GPUs of the rack's latest message, if it was not judged yet.</summary>
    public void Evaluate(RackView rack, string rackSource, DateTimeOffset now, bool mayRaise)
    {
        var table = rack.Gpus;
        var state = _racks.GetValueOrDefault(rackSource);
        var latest = table.Latest;
        if (latest.Message == (state?.JudgedMessage ?? 0)) return;
        var o = _engine.Options;
        var near = latest.HottestTemperatureCelsius >= o.GpuTemperatureCelsius.Caution - o.GpuTemperatureCelsius.Hysteresis
            || latest.HottestMemoryTemperatureCelsius >= o.GpuMemoryTemperatureCelsius.Caution - o.GpuMemoryTemperatureCelsius.Hysteresis
            || latest.ThrottledGpus > 0;
        if (!near && (state is null || state.AliveCount == 0))
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
        var t = o.GpuTemperatureCelsius;
        var m = o.GpuMemoryTemperatureCelsius;
        var alive = Alive(state, gpu.Index);
        var near = gpu.TemperatureCelsius >= t.Caution - t.Hysteresis || gpu.MemoryTemperatureCelsius >= m.Caution - m.Hysteresis || gpu.Throttled == true;
        if (!near && alive == 0) return;

        var site = rack.SiteId;
        var source = state.Source(rackSource, gpu.Index);
        var text = new Text("", gpu.Index, rack.RackId);
        var next = alive;
        next = Run(next, Condition.DieCaution, site, HallAlarmRules.AboveUpperCaution, source, gpu.TemperatureCelsius, t.Caution, t, AlarmSeverity.Warning, mayRaise, text, now);
        next = Run(next, Condition.DieCritical, site, HallAlarmRules.AboveUpperCritical, source, gpu.TemperatureCelsius, t.Critical, t, AlarmSeverity.Critical, mayRaise, text, now);
        var memorySource = state.MemorySource(source, gpu.Index);
        var memoryText = text with { What = "memory of " };
        next = Run(next, Condition.MemoryCaution, site, HallAlarmRules.AboveUpperCaution, memorySource, gpu.MemoryTemperatureCelsius, m.Caution, m, AlarmSeverity.Warning, mayRaise, memoryText, now);
        next = Run(next, Condition.MemoryCritical, site, HallAlarmRules.AboveUpperCritical, memorySource, gpu.MemoryTemperatureCelsius, m.Critical, m, AlarmSeverity.Critical, mayRaise, memoryText, now);
        // One GPU throttling is 1 on the ThrottledGpus count: its dwell and clear dwell apply to each GPU.
        var throttled = gpu.Throttled is { } flag ? (flag ? 1.0 : 0.0) : double.NaN;
        next = Run(next, Condition.Throttled, site, HallAlarmRules.GpuThrottled, source, throttled, 1, o.ThrottledGpus, AlarmSeverity.Warning, mayRaise, text with { What = "throttle" }, now);
        if (next != alive) Set(state, gpu.Index, next);
    }

    // One condition of a GPU: to the engine only when its value reaches the threshold or it is alive; an unknown value (NaN) holds it.
    private byte Run(byte alive, Condition condition, string site, string code, string source, double value, double threshold, ThresholdAlarmOptions limits,
        AlarmSeverity severity, bool mayRaise, Text text, DateTimeOffset now)
    {
        var bit = (byte)condition;
        var wasAlive = (alive & bit) != 0;
        if (!wasAlive && !(value >= threshold)) return alive;
        var key = new AlarmKey(AlarmOrigin.Supervisor, code, source);
        var stillAlive = double.IsNaN(value)
            ? _engine.Hold(key)
            : _engine.Threshold(key, severity, site, value, threshold, limits, mayRaise, text, Message, now);
        return stillAlive ? (byte)(alive | bit) : (byte)(alive & ~bit);
    }

    private static readonly Func<Text, double, double, string> Message = static (t, v, limit) => t.What == "throttle"
        ? F($"GPU {t.Index} of rack {t.RackId} throttling")
        : F($"{t.What}GPU {t.Index} of rack {t.RackId} at {v:F1} °C (threshold {limit:F1} °C)");

    private static byte Alive(RackState state, int index) => index < state.Alive.Length ? state.Alive[index] : (byte)0;

    private void Set(RackState state, int index, byte alive)
    {
        if (index >= state.Alive.Length) state.Grow(index);
        var before = state.Alive[index];
        state.Alive[index] = alive;
        var change = (alive != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
        state.AliveCount += change;
        _gpusAlive += change;
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

    private static Condition? ConditionOf(string code, bool memory) => (code, memory) switch
    {
        (HallAlarmRules.AboveUpperCaution, false) => Condition.DieCaution,
        (HallAlarmRules.AboveUpperCritical, false) => Condition.DieCritical,
        (HallAlarmRules.AboveUpperCaution, true) => Condition.MemoryCaution,
        (HallAlarmRules.AboveUpperCritical, true) => Condition.MemoryCritical,
        (HallAlarmRules.GpuThrottled, false) => Condition.Throttled,
        _ => null,
    };

    /// <summary>Splits a GPU alarm source "{rack source}/gpu/{index}[/memory]".</summary>
    internal static bool TryParseSource(string source, out string rackSource, out int index, out bool memory)
    {
        rackSource = "";
        index = -1;
        var at = source.LastIndexOf(GpuPart, StringComparison.Ordinal);
        var rest = at < 0 ? default : source.AsSpan(at + GpuPart.Length);
        memory = rest.EndsWith(MemorySuffix, StringComparison.Ordinal);
        if (memory) rest = rest[..^MemorySuffix.Length];
        if (at < 0 || !int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= RackTelemetryReader.MaximumGpus) return false;
        rackSource = source[..at];
        return true;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The five conditions of a GPU, one bit each.</summary>
    [Flags]
    private enum Condition : byte
    {
        DieCaution = 1,
        DieCritical = 2,
        MemoryCaution = 4,
        MemoryCritical = 8,
        Throttled = 16,
    }

    /// <summary>What an alarm message names: the measurement ("" for the die, "memory of ", "throttle"), the GPU and its rack.</summary>
    private readonly record struct Text(string What, int Index, string RackId);

    private sealed class RackState
    {
        private string?[] _sources = [];
        private string?[] _memorySources = [];

        /// <summary>The table message judged last (0: none).</summary>
        public long JudgedMessage { get; set; }

        /// <summary>Per GPU index: which of its conditions are alive (<see cref="Condition"/> bits).</summary>
        public byte[] Alive { get; private set; } = [];

        /// <summary>GPUs with a condition alive.</summary>
        public int AliveCount { get; set; }

        public void Grow(int index)
        {
            var alive = Alive;
            Array.Resize(ref alive, Math.Max(index + 1, Alive.Length * 2));
            Alive = alive;
        }

        // "{rack source}/gpu/{index}", made once per GPU that ever came near a threshold.
        public string Source(string rackSource, int index)
        {
            if (index >= _sources.Length) Array.Resize(ref _sources, Math.Max(index + 1, _sources.Length * 2));
            return _sources[index] ??= string.Create(CultureInfo.InvariantCulture, $"{rackSource}{GpuPart}{index}");
        }

        // "{GPU source}/memory", likewise.
        public string MemorySource(string gpuSource, int index)
        {
            if (index >= _memorySources.Length) Array.Resize(ref _memorySources, Math.Max(index + 1, _memorySources.Length * 2));
            return _memorySources[index] ??= gpuSource + MemorySuffix;
        }
    }
}
