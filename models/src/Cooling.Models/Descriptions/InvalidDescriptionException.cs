namespace Cooling.Models.Descriptions;

/// <summary>A plant or hall description that cannot be used: every problem found, each naming its field.</summary>
public sealed class InvalidDescriptionException : Exception
{
    public InvalidDescriptionException(string source, IReadOnlyList<string> errors)
        : base($"{source}: {errors.Count} error(s) in the description:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Source = source;
        Errors = errors;
    }

    public InvalidDescriptionException()
        : this("description", [])
    {
    }

    public InvalidDescriptionException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public InvalidDescriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Each error as "field.path: reason, got value", e.g. "loop.pumpRatedFlowLitersPerMinute: must be > 0, got -5".</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
