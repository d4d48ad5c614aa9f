using System.Globalization;
using System.Text.Json;
using Cdu.Firmware.Io;

namespace Cdu.Firmware.Host.Gpio;

/// <summary>How an input line is biased inside the chip.</summary>
public enum LineBias
{
    None = 0,
    PullUp = 1,
    PullDown = 2,
}

/// <summary>One digital line of the pin map.</summary>
/// <param name="Pin">Line offset on the GPIO chip (the number <c>gpioinfo</c> shows).</param>
/// <param name="ActiveLow">Input: the signal (fault, wet) is asserted when the line reads low. Output: energize by driving low.</param>
/// <param name="Bias">Input bias (outputs: none).</param>
/// <param name="Field">Where the line was declared, e.g. <c>leakZones[2]</c> (for messages).</param>
public sealed record PinAssignment(int Pin, bool ActiveLow, LineBias Bias, string Field);

/// <summary>One PWM output of the pin map (Linux sysfs PWM, <c>/sys/class/pwm/pwmchipN/pwmM</c>).</summary>
/// <param name="Chip">PWM chip number (<c>pwmchipN</c>).</param>
/// <param name="Channel">Channel on that chip (<c>pwmM</c>).</param>
/// <param name="FrequencyHz">PWM frequency.</param>
/// <param name="Inverted">The stage after the PWM inverts: duty cycle = 1 − command.</param>
/// <param name="Field">Where the output was declared, e.g. <c>pumpSpeedPwm[1]</c> (for messages).</param>
public sealed record PwmAssignment(int Chip, int Channel, int FrequencyHz, bool Inverted, string Field);

/// <summary>
/// The Linux GPIO pin map of <c>--io gpio</c> (<c>--pins file.json</c>): which chip line carries each digital signal.
/// Every problem is reported as a <see cref="PinMapException"/> whose message starts with the field at fault. Unknown
/// fields are errors (a misspelt key in a safety-relevant map must not pass silently). See docs/technician-guide.md.
/// <code>
/// {"gpioChip":0,
///  "pumpFaults":[{"pin":17,"activeLow":true,"bias":"pullUp"},{"pin":27,"activeLow":true,"bias":"pullUp"}],
///  "leakZones":[{"pin":5},{"pin":6},{"pin":13},{"pin":19}],
///  "pumpRun":[{"pin":23},{"pin":24}],
///  "isolationValvesOpen":{"pin":25},
///  "alarmRelay":{"pin":12,"energizedWhenHealthy":true},
///  "valvePwm":{"chip":0,"channel":0,"frequencyHz":1000},
///  "pumpSpeedPwm":[{"chip":0,"channel":1},{"chip":1,"channel":0}]}
/// </code>
/// <c>valvePwm</c> and <c>pumpSpeedPwm</c> are optional (without them the analog commands go nowhere).
/// </summary>
public sealed class GpioPinMap
{
    public const int MaximumPin = 1023;

    public const int MaximumPwmChip = 63;

    public const int MaximumPwmChannel = 63;

    public const int MinimumPwmFrequencyHz = 10;

    public const int MaximumPwmFrequencyHz = 100_000;

    public const int DefaultPwmFrequencyHz = 1000;

    private static readonly string[] RootFields = ["gpioChip", "pumpFaults", "leakZones", "pumpRun", "isolationValvesOpen", "alarmRelay", "valvePwm", "pumpSpeedPwm"];

    private static readonly string[] PwmFields = ["chip", "channel", "frequencyHz", "inverted"];

    private GpioPinMap(int chip, PinAssignment[] pumpFaults, PinAssignment[] leakZones, PinAssignment[] pumpRun,
        PinAssignment isolation, PinAssignment alarm, bool alarmEnergizedWhenHealthy, PwmAssignment? valvePwm, PwmAssignment[] pumpSpeedPwm)
    {
        ValvePwm = valvePwm;
        PumpSpeedPwm = pumpSpeedPwm;
        GpioChip = chip;
        PumpFaults = pumpFaults;
        LeakZones = leakZones;
        PumpRun = pumpRun;
        IsolationValvesOpen = isolation;
        AlarmRelay = alarm;
        AlarmRelayEnergizedWhenHealthy = alarmEnergizedWhenHealthy;
    }

    /// <summary>GPIO chip number (<c>/dev/gpiochipN</c>), default 0.</summary>
    public int GpioChip { get; }

    /// <summary>Each pump drive's fault contact (1 … 4; pump i is entry i).</summary>
    public IReadOnlyList<PinAssignment> PumpFaults { get; }

    /// <summary>The four leak zones, each a dry/wet contact (wet reads 100 %, dry 0 %).</summary>
    public IReadOnlyList<PinAssignment> LeakZones { get; }

    /// <summary>Each pump's run command (as many as <see cref="PumpFaults"/>).</summary>
    public IReadOnlyList<PinAssignment> PumpRun { get; }

    public PinAssignment IsolationValvesOpen { get; }

    public PinAssignment AlarmRelay { get; }

    /// <summary>True: the alarm relay is held energized while no critical alarm is active, so a dead controller alarms (fail-safe).</summary>
    public bool AlarmRelayEnergizedWhenHealthy { get; }

    /// <summary>The facility-water valve command as a PWM duty cycle (0 … 100 % → 0 … 1), or null: not driven.</summary>
    public PwmAssignment? ValvePwm { get; }

    /// <summary>Each pump's speed command as a PWM duty cycle (empty: not driven; else as many as <see cref="PumpRun"/>).</summary>
    public IReadOnlyList<PwmAssignment> PumpSpeedPwm { get; }

    public static GpioPinMap Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PinMapException("(file)", $"cannot read '{path}': {ex.Message}");
        }

        return Parse(text);
    }

    public static GpioPinMap Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (l + 1).ToString(CultureInfo.InvariantCulture) : "?";
            throw new PinMapException("(document)", $"malformed JSON at line {line}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PinMapException("(document)", "must be a JSON object");
            }

            CheckFields(root, "", RootFields);
            var chip = 0;
            if (root.TryGetProperty("gpioChip", out var chipElement))
            {
                chip = Integer(chipElement, "gpioChip", 0, 63);
            }

            var pumpFaults = List(root, "pumpFaults", 1, CduInputs.MaximumPumps, input: true);
            var leakZones = List(root, "leakZones", CduInputs.LeakZoneCount, CduInputs.LeakZoneCount, input: true);
            var pumpRun = List(root, "pumpRun", 1, CduInputs.MaximumPumps, input: false);
            if (pumpRun.Length != pumpFaults.Length)
            {
                throw new PinMapException("pumpRun", $"must have as many entries as pumpFaults ({pumpFaults.Length.ToString(CultureInfo.InvariantCulture)}): one run command and one fault contact per pump");
            }

            var isolation = Single(root, "isolationValvesOpen", input: false, out _);
            var alarm = Single(root, "alarmRelay", input: false, out var energizedWhenHealthy);
            PwmAssignment? valvePwm = null;
            if (root.TryGetProperty("valvePwm", out var valveElement))
            {
                valvePwm = Pwm(valveElement, "valvePwm");
            }

            PwmAssignment[] pumpSpeedPwm = [];
            if (root.TryGetProperty("pumpSpeedPwm", out var speedElement))
            {
                pumpSpeedPwm = PwmList(speedElement, "pumpSpeedPwm", pumpRun.Length);
            }

            var map = new GpioPinMap(chip, pumpFaults, leakZones, pumpRun, isolation, alarm, energizedWhenHealthy, valvePwm, pumpSpeedPwm);
            CheckDistinct(map);
            CheckDistinctPwm(map);
            return map;
        }
    }

    /// <summary>Every line of the map, inputs first.</summary>
    public IEnumerable<PinAssignment> All()
    {
        foreach (var p in PumpFaults) yield return p;
        foreach (var p in LeakZones) yield return p;
        foreach (var p in PumpRun) yield return p;
        yield return IsolationValvesOpen;
        yield return AlarmRelay;
    }

    /// <summary>Every PWM output of the map: the valve first, then the pumps in order.</summary>
    public IEnumerable<PwmAssignment> AllPwm()
    {
        if (ValvePwm is not null) yield return ValvePwm;
        foreach (var p in PumpSpeedPwm) yield return p;
    }

    private static PwmAssignment[] PwmList(JsonElement array, string name, int pumps)
    {
        var count = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : -1;
        if (count != pumps)
        {
            throw new PinMapException(name, $"must be an array of exactly {pumps.ToString(CultureInfo.InvariantCulture)} PWM objects, as many as pumpRun: one speed output per pump");
        }

        var result = new PwmAssignment[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i] = Pwm(item, $"{name}[{i.ToString(CultureInfo.InvariantCulture)}]");
            i++;
        }

        return result;
    }

    private static PwmAssignment Pwm(JsonElement item, string field)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new PinMapException(field, "must be an object such as {\"chip\": 0, \"channel\": 0, \"frequencyHz\": 1000}");
        }

        CheckFields(item, field + ".", PwmFields);
        var chip = item.TryGetProperty("chip", out var chipElement) ? Integer(chipElement, field + ".chip", 0, MaximumPwmChip) : 0;
        if (!item.TryGetProperty("channel", out var channelElement))
        {
            throw new PinMapException(field + ".channel", "missing");
        }

        var channel = Integer(channelElement, field + ".channel", 0, MaximumPwmChannel);
        var frequency = item.TryGetProperty("frequencyHz", out var frequencyElement)
            ? Integer(frequencyElement, field + ".frequencyHz", MinimumPwmFrequencyHz, MaximumPwmFrequencyHz)
            : DefaultPwmFrequencyHz;
        var inverted = item.TryGetProperty("inverted", out var invertedElement) && Flag(invertedElement, field + ".inverted");
        return new PwmAssignment(chip, channel, frequency, inverted, field);
    }

    private static PinAssignment[] List(JsonElement root, string name, int minimum, int maximum, bool input)
    {
        if (!root.TryGetProperty(name, out var array))
        {
            throw new PinMapException(name, "missing");
        }

        var count = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : -1;
        if (count < minimum || count > maximum)
        {
            var size = minimum == maximum ? $"exactly {minimum.ToString(CultureInfo.InvariantCulture)}" : $"{minimum.ToString(CultureInfo.InvariantCulture)} … {maximum.ToString(CultureInfo.InvariantCulture)}";
            throw new PinMapException(name, $"must be an array of {size} pin objects");
        }

        var result = new PinAssignment[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i] = Pin(item, $"{name}[{i.ToString(CultureInfo.InvariantCulture)}]", input, allowHealthyFlag: false, out _);
            i++;
        }

        return result;
    }

    private static PinAssignment Single(JsonElement root, string name, bool input, out bool energizedWhenHealthy)
    {
        if (!root.TryGetProperty(name, out var item))
        {
            throw new PinMapException(name, "missing");
        }

        return Pin(item, name, input, allowHealthyFlag: name == "alarmRelay", out energizedWhenHealthy);
    }

    private static PinAssignment Pin(JsonElement item, string field, bool input, bool allowHealthyFlag, out bool energizedWhenHealthy)
    {
        energizedWhenHealthy = false;
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new PinMapException(field, "must be an object such as {\"pin\": 17}");
        }

        string[] allowed = input ? ["pin", "activeLow", "bias"] : allowHealthyFlag ? ["pin", "activeLow", "energizedWhenHealthy"] : ["pin", "activeLow"];
        CheckFields(item, field + ".", allowed);
        if (!item.TryGetProperty("pin", out var pinElement))
        {
            throw new PinMapException(field + ".pin", "missing");
        }

        var pin = Integer(pinElement, field + ".pin", 0, MaximumPin);
        var activeLow = item.TryGetProperty("activeLow", out var low) && Flag(low, field + ".activeLow");
        var bias = LineBias.None;
        if (item.TryGetProperty("bias", out var biasElement))
        {
            bias = biasElement.ValueKind == JsonValueKind.String ? biasElement.GetString() switch
            {
                "none" => LineBias.None,
                "pullUp" => LineBias.PullUp,
                "pullDown" => LineBias.PullDown,
                _ => throw new PinMapException(field + ".bias", "must be \"none\", \"pullUp\" or \"pullDown\""),
            } : throw new PinMapException(field + ".bias", "must be \"none\", \"pullUp\" or \"pullDown\"");
        }

        if (item.TryGetProperty("energizedWhenHealthy", out var healthy))
        {
            energizedWhenHealthy = Flag(healthy, field + ".energizedWhenHealthy");
        }

        return new PinAssignment(pin, activeLow, bias, field);
    }

    private static int Integer(JsonElement element, string field, int minimum, int maximum)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < minimum || value > maximum)
        {
            throw new PinMapException(field, $"must be an integer {minimum.ToString(CultureInfo.InvariantCulture)} … {maximum.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    private static bool Flag(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new PinMapException(field, "must be true or false"),
    };

    private static void CheckFields(JsonElement item, string prefix, string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in item.EnumerateObject())
        {
            if (Array.IndexOf(allowed, member.Name) < 0)
            {
                throw new PinMapException(prefix + member.Name, $"unknown field (expected {string.Join(", ", allowed)})");
            }

            if (!seen.Add(member.Name))
            {
                throw new PinMapException(prefix + member.Name, "appears twice");
            }
        }
    }

    private static void CheckDistinct(GpioPinMap map)
    {
        var owners = new Dictionary<int, string>();
        foreach (var line in map.All())
        {
            if (owners.TryGetValue(line.Pin, out var owner))
            {
                throw new PinMapException(line.Field + ".pin", $"pin {line.Pin.ToString(CultureInfo.InvariantCulture)} is already used by {owner}");
            }

            owners[line.Pin] = line.Field;
        }
    }

    private static void CheckDistinctPwm(GpioPinMap map)
    {
        var owners = new Dictionary<(int Chip, int Channel), string>();
        foreach (var output in map.AllPwm())
        {
            if (owners.TryGetValue((output.Chip, output.Channel), out var owner))
            {
                throw new PinMapException(output.Field + ".channel", $"PWM chip {output.Chip.ToString(CultureInfo.InvariantCulture)} channel {output.Channel.ToString(CultureInfo.InvariantCulture)} is already used by {owner}");
            }

            owners[(output.Chip, output.Channel)] = output.Field;
        }
    }
}

/// <summary>A pin map that cannot be used; <see cref="Field"/> names the field at fault and starts the message.</summary>
public sealed class PinMapException : FormatException
{
    public PinMapException()
        : this("(document)", "invalid pin map")
    {
    }

    public PinMapException(string message)
        : this("(document)", message)
    {
    }

    public PinMapException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "(document)";
    }

    public PinMapException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public string Field { get; }
}
