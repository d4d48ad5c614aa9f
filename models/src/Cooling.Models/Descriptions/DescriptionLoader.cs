using System.Text.Json;
using System.Text.RegularExpressions;
using Cooling.Models.Plant;

namespace Cooling.Models.Descriptions;

/// <summary>
/// Loads plant and hall description files (JSON, units in field names; format in models/README.md) and checks
/// every field: a bad file throws <see cref="InvalidDescriptionException"/> listing each problem with the field's
/// path, e.g. "loop.pumpRatedFlowLitersPerMinute: must be > 0, got -5". Unknown fields are errors too.
/// </summary>
public static partial class DescriptionLoader
{
    /// <summary>The format version these files carry ("formatVersion").</summary>
    public const int FormatVersion = 1;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a plant description file.</summary>
    public static LoopDescription LoadPlant(string path) => ParsePlant(ReadFile(path), Path.GetFileName(path));

    /// <summary>Parses a plant description; <paramref name="source"/> names it in errors.</summary>
    public static LoopDescription ParsePlant(string json, string source = "plant") =>
        Parse(json, source, (root, errors) => ReadPlant(root, "", errors));

    /// <summary>Reads a hall description file; its "plantFile" and a workload's "file" are relative to the hall file.</summary>
    public static HallLayout LoadHall(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return ParseHall(ReadFile(path), Path.GetFileName(path), name => ReadFile(Path.Combine(directory ?? ".", name)), directory);
    }

    /// <summary>
    /// Parses a hall description. <paramref name="readPlantFile"/> returns the text of a plant file the hall names
    /// ("plantFile"); <paramref name="baseDirectory"/> anchors relative workload files.
    /// </summary>
    public static HallLayout ParseHall(string json, string source, Func<string, string>? readPlantFile = null, string? baseDirectory = null) =>
        Parse(json, source, (root, errors) => ReadHall(root, errors, readPlantFile, baseDirectory));

    private static T Parse<T>(string json, string source, Func<JsonElement, List<string>, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDescriptionException(source, [$"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDescriptionException(source, [$"the description must be a JSON object, got {document.RootElement.ValueKind}"]);
            }

            var result = read(document.RootElement, errors);
            if (errors.Count > 0) throw new InvalidDescriptionException(source, errors);
            return result;
        }
    }

    private static LoopDescription ReadPlant(JsonElement root, string path, List<string> errors)
    {
        var f = new JsonFields(root, path, errors);
        CheckVersion(f);
        f.Text("name");
        f.Text("description");
        var loopFields = f.Object("loop", required: true);
        var loop = loopFields is null ? new LoopDescription() : PlantJson.ReadLoop(loopFields);
        f.RejectUnknown();
        return loop;
    }

    private static HallLayout ReadHall(JsonElement root, List<string> errors, Func<string, string>? readPlantFile, string? baseDirectory)
    {
        var f = new JsonFields(root, "", errors);
        CheckVersion(f);
        var name = f.Text("name") ?? "hall";
        f.Text("description");
        var siteId = f.Text("siteId", required: true) ?? "hall1";
        if (f.Has("siteId") && !SiteIdPattern().IsMatch(siteId))
        {
            f.Error("siteId", $"must be 1 to 64 of a-z, 0-9, '-', '_', got \"{siteId}\"");
        }

        var cduCount = f.Integer("cduCount", 1, 1, 64, required: true);
        var loop = ReadHallPlant(f, errors, readPlantFile);
        var racksPerCdu = f.Integer("racksPerCdu", loop.RackCount, 1, 64);
        if (f.Has("racksPerCdu") && racksPerCdu != loop.RackCount)
        {
            f.Error("racksPerCdu", $"must equal the plant's loop.rackCount ({loop.RackCount}), got {racksPerCdu}");
        }

        var workloadFields = f.Object("workload", required: true);
        var workload = workloadFields is null ? null : WorkloadJson.Read(workloadFields, loop.Rack, baseDirectory);
        f.RejectUnknown();
        return new HallLayout(name, siteId, cduCount, loop.RackCount, loop, workload ?? new ConstantWorkload(0));
    }

    private static LoopDescription ReadHallPlant(JsonFields f, List<string> errors, Func<string, string>? readPlantFile)
    {
        var file = f.Text("plantFile");
        var inline = f.Object("plant");
        if ((file is null) == (inline is null))
        {
            f.Error("plantFile", "give either \"plantFile\" (a plant description file) or \"plant\" (the plant inline), not both or neither");
            return new LoopDescription();
        }

        if (inline is not null)
        {
            return ReadPlantObject(inline, errors);
        }

        if (readPlantFile is null)
        {
            f.Error("plantFile", $"cannot read \"{file}\": no directory to read it from");
            return new LoopDescription();
        }

        string text;
        try
        {
            text = readPlantFile(file!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDescriptionException)
        {
            f.Error("plantFile", $"cannot read \"{file}\": {e.Message}");
            return new LoopDescription();
        }

        try
        {
            return ParsePlant(text, file!);
        }
        catch (InvalidDescriptionException e)
        {
            foreach (var error in e.Errors) f.Error("plantFile", $"{file}: {error}");
            return new LoopDescription();
        }
    }

    private static LoopDescription ReadPlantObject(JsonFields plant, List<string> errors)
    {
        var loop = plant.Object("loop", required: true);
        plant.Text("name");
        plant.Text("description");
        plant.Integer("formatVersion", FormatVersion, FormatVersion, FormatVersion);
        plant.RejectUnknown();
        return loop is null ? new LoopDescription() : PlantJson.ReadLoop(loop);
    }

    private static void CheckVersion(JsonFields f) => f.Integer("formatVersion", FormatVersion, FormatVersion, FormatVersion, required: true);

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDescriptionException(Path.GetFileName(path), [$"cannot read the file: {e.Message}"]);
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex SiteIdPattern();
}
