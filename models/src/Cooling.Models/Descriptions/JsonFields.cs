using System.Globalization;
using System.Text.Json;

namespace Cooling.Models.Descriptions;

/// <summary>
/// Reads the fields of one JSON object of a description, checking each against its range and recording every
/// problem as "path.field: reason, got value". Fields the reader never asked for are reported as unknown, so that a
/// misspelt field name is an error rather than a silently ignored rating.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly List<string> _errors;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public JsonFields(JsonElement element, string path, List<string> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string Name(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    public void Error(string field, string reason) => _errors.Add($"{Name(field)}: {reason}");

    public bool Has(string field) => _element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A number in [min, max] (or (min, max] with <paramref name="exclusiveMinimum"/>); the fallback when absent or invalid.</summary>
    public double Number(string field, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool exclusiveMinimum = false, bool required = false)
    {
        if (!Get(field, required, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Error(field, $"must be a number, got {Show(value)}");
            return fallback;
        }

        var belowMinimum = exclusiveMinimum ? number <= min : number < min;
        if (belowMinimum || number > max)
        {
            Error(field, $"must be {Range(min, max, exclusiveMinimum)}, got {Format(number)}");
            return fallback;
        }

        return number;
    }

    /// <summary>A number &gt; 0.</summary>
    public double Positive(string field, double fallback, double max = double.PositiveInfinity, bool required = false) =>
        Number(field, fallback, 0, max, exclusiveMinimum: true, required: required);

    /// <summary>A whole number in [min, max].</summary>
    public int Integer(string field, int fallback, int min, int max, bool required = false)
    {
        if (!Get(field, required, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(field, $"must be a whole number, got {Show(value)}");
            return fallback;
        }

        if (number < min || number > max)
        {
            Error(field, $"must be between {min} and {max}, got {number}");
            return fallback;
        }

        return number;
    }

    public bool Boolean(string field, bool fallback)
    {
        if (!Get(field, false, out var value)) return fallback;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Error(field, $"must be true or false, got {Show(value)}");
        return fallback;
    }

    public string? Text(string field, bool required = false)
    {
        if (!Get(field, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Error(field, $"must be a string, got {Show(value)}");
        return null;
    }

    /// <summary>A nested object, or null when absent (or not an object, which is reported).</summary>
    public JsonFields? Object(string field, bool required = false)
    {
        if (!Get(field, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Object) return new JsonFields(value, Name(field), _errors);
        Error(field, $"must be an object, got {Show(value)}");
        return null;
    }

    /// <summary>Reports every field present that was never asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_asked.Contains(property.Name))
            {
                Error(property.Name, $"unknown field (known here: {string.Join(", ", _asked.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private bool Get(string field, bool required, out JsonElement value)
    {
        _asked.Add(field);
        if (_element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) Error(field, "is required");
        return false;
    }

    private static string Range(double min, double max, bool exclusiveMinimum) =>
        double.IsPositiveInfinity(max) ? $"{(exclusiveMinimum ? ">" : ">=")} {Format(min)}"
        : double.IsNegativeInfinity(min) ? $"<= {Format(max)}"
        : exclusiveMinimum ? $"> {Format(min)} and <= {Format(max)}"
        : $"between {Format(min)} and {Format(max)}";

    internal static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
