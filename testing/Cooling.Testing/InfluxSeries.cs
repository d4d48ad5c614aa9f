using System.Text.Json;

namespace Cooling.Testing;

/// <summary>One series of an InfluxDB 1.x query answer: measurement name, group-by tags, columns and rows.</summary>
public sealed record InfluxSeries(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<JsonElement>> Rows)
{
    /// <summary>The values of one column, row by row.</summary>
    public IReadOnlyList<JsonElement> Column(string name)
    {
        var index = Columns.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"Series {Name} has no column '{name}' (columns: {string.Join(", ", Columns)}).", nameof(name));
        return [.. Rows.Select(row => row[index])];
    }

    internal static InfluxSeries Parse(JsonElement series)
    {
        var tags = new Dictionary<string, string>();
        if (series.TryGetProperty("tags", out var tagObject))
        {
            foreach (var tag in tagObject.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? "";
            }
        }

        var columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        var rows = series.TryGetProperty("values", out var values)
            ? values.EnumerateArray().Select(row => (IReadOnlyList<JsonElement>)[.. row.EnumerateArray().Select(v => v.Clone())]).ToList()
            : [];
        return new InfluxSeries(series.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "", tags, columns, rows);
    }
}
