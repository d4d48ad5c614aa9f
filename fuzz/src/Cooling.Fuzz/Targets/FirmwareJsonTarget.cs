using System.Text.Unicode;
using System.Text.Json;
using Cdu.Firmware.Messages;
using FirmwareKind = Cdu.Firmware.Messages.JsonValueKind;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The firmware's JSON reader (<see cref="JsonMessageReader.Parse"/> and its accessors). Invariants: the error is a
/// defined <see cref="JsonError"/>; a document it accepts is valid JSON to System.Text.Json too (when the bytes are
/// UTF-8), with the same members within the reader's limits, and every member reads as the same kind and number.
/// </summary>
public sealed class FirmwareJsonTarget : FuzzTarget
{
    private static readonly string[] ContractNames =
    [
        "v", "seq", "command", "actuator", "valuePercent", "supplyTemperatureCelsius", "deltaPressureKpa", "leaseSeconds",
        "itLoadKilowatts", "formatVersion", "crc32", "revision", "",
    ];

    private readonly JsonMessageReader _reader = new();

    public override void Run(byte[] input)
    {
        // Read at an offset inside a larger buffer: the reader must stay within its window.
        var buffer = new byte[input.Length + 2];
        buffer[0] = (byte)'{';
        buffer[^1] = (byte)'}';
        input.CopyTo(buffer, 1);
        var error = _reader.Parse(buffer, 1, input.Length);
        InvariantViolationException.Check(Enum.IsDefined(error), $"undefined JsonError {(int)error}");
        InvariantViolationException.Check(JsonErrorText.Describe(error) is { Length: > 0 }, $"no text for {error}");
        if (error != JsonError.None)
        {
            InvariantViolationException.Check(_reader.MemberCount == 0, $"rejected ({error}) but {_reader.MemberCount} members indexed");
            return;
        }

        InvariantViolationException.Check(_reader.MemberCount <= JsonMessageReader.MaximumMembers, $"{_reader.MemberCount} members accepted");
        foreach (var name in ContractNames)
        {
            ReadEveryWay(name);
        }

        for (var i = 0; i < _reader.MemberCount; i++)
        {
            _reader.MemberNameEquals(i, "seq");
        }

        if (Utf8.IsValid(input))
        {
            CompareWithSystemTextJson(input);
        }
    }

    private void ReadEveryWay(string name)
    {
        var kind = _reader.GetKind(name);
        InvariantViolationException.Check(Enum.IsDefined(kind), $"{name}: undefined kind {(int)kind}");
        if (_reader.TryGetNumber(name, out var number))
        {
            InvariantViolationException.Check(double.IsFinite(number), $"{name}: number {number} is not finite");
        }

        _reader.TryGetInteger(name, out _);
        _reader.TryGetBoolean(name, out _);
        _reader.TryGetHex32(name, out _);
        _reader.StringEquals(name, "reset");
        var offset = _reader.GetNameOffset(name);
        InvariantViolationException.Check((offset < 0) == (kind == FirmwareKind.None), $"{name}: name offset {offset} for kind {kind}");
    }

    private void CompareWithSystemTextJson(byte[] input)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = JsonMessageReader.MaximumDepth });
        }
        catch (JsonException ex)
        {
            throw new InvariantViolationException($"accepted, but not JSON within depth {JsonMessageReader.MaximumDepth}: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            InvariantViolationException.Check(root.ValueKind == System.Text.Json.JsonValueKind.Object, $"accepted a {root.ValueKind}");
            var members = root.EnumerateObject().ToList();
            InvariantViolationException.Check(members.Count == _reader.MemberCount, $"{_reader.MemberCount} members, System.Text.Json sees {members.Count}");
            foreach (var member in members)
            {
                if (!TryGetText(() => member.Name, out var name))
                {
                    continue; // a lone surrogate escape: grammatical JSON (RFC 8259), which .NET cannot turn into a name
                }

                var kind = _reader.GetKind(name);
                if (kind == FirmwareKind.None)
                {
                    continue; // written with escapes or non-ASCII: never matched by name, by design
                }

                CompareMember(name, kind, member.Value);
            }
        }
    }

    private void CompareMember(string name, FirmwareKind kind, JsonElement value)
    {
        var expected = value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => FirmwareKind.Object,
            System.Text.Json.JsonValueKind.Array => FirmwareKind.Array,
            System.Text.Json.JsonValueKind.String => FirmwareKind.String,
            System.Text.Json.JsonValueKind.Number => FirmwareKind.Number,
            System.Text.Json.JsonValueKind.True => FirmwareKind.True,
            System.Text.Json.JsonValueKind.False => FirmwareKind.False,
            _ => FirmwareKind.Null,
        };
        InvariantViolationException.Check(kind == expected, $"{name}: kind {kind}, System.Text.Json reads {value.ValueKind}");
        if (kind == FirmwareKind.Number)
        {
            var reference = double.Parse(value.GetRawText(), System.Globalization.CultureInfo.InvariantCulture);
            var read = _reader.TryGetNumber(name, out var number);
            InvariantViolationException.Check(read == double.IsFinite(reference), $"{name}: read {read}, the value is {reference}");
            if (read)
            {
                var tolerance = Math.Max(Math.Abs(reference) * 1e-12, 1e-300);
                InvariantViolationException.Check(Math.Abs(number - reference) <= tolerance, $"{name}: reads {number:R}, the value is {reference:R}");
            }

            if (_reader.TryGetInteger(name, out var integer))
            {
                InvariantViolationException.Check(value.TryGetInt64(out var exact) && exact == integer, $"{name}: reads integer {integer}, the value is {value.GetRawText()}");
            }
        }
        else if (kind == FirmwareKind.String)
        {
            if (TryGetText(value.GetString, out var text) && text.All(c => c is >= ' ' and < (char)127 and not '"' and not '\\') && _reader.StringEquals(name, text) is var equal && !equal)
            {
                // The raw text may be written with escapes (then it rightly does not compare equal); without, it must.
                InvariantViolationException.Check(value.GetRawText().Contains('\\', StringComparison.Ordinal), $"{name}: \"{text}\" does not compare equal to itself");
            }
        }
    }

    private static bool TryGetText(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
