using Cooling.Models.Plant;

namespace Cooling.Models.Descriptions;

/// <summary>
/// The description files shipped in models/plants/, built into this assembly so that they load without a path:
/// the reference plant (≈ 500 kW, 4 racks), the reference hall (1 CDU) and the large hall (50 CDUs × 8 racks of 72 GPUs).
/// </summary>
public static class BuiltInDescriptions
{
    public const string ReferencePlantFile = "reference-plant.json";
    public const string LargePlantFile = "large-plant.json";
    public const string ReferenceHallFile = "reference-hall.json";
    public const string LargeHallFile = "large-hall.json";

    /// <summary>Names of the built-in files.</summary>
    public static IReadOnlyList<string> Files { get; } = [ReferencePlantFile, LargePlantFile, ReferenceHallFile, LargeHallFile];

    public static LoopDescription ReferencePlant() => DescriptionLoader.ParsePlant(Text(ReferencePlantFile), ReferencePlantFile);

    public static HallLayout ReferenceHall() => Hall(ReferenceHallFile);

    public static HallLayout LargeHall() => Hall(LargeHallFile);

    /// <summary>A built-in hall file by name; the plant file it names is read from the built-in files as well.</summary>
    public static HallLayout Hall(string file) => DescriptionLoader.ParseHall(Text(file), file, Text);

    /// <summary>The text of a built-in file.</summary>
    public static string Text(string file)
    {
        using var stream = typeof(BuiltInDescriptions).Assembly.GetManifestResourceStream("plants/" + file)
            ?? throw new FileNotFoundException($"no built-in description named \"{file}\"; there are: {string.Join(", ", Files)}", file);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
