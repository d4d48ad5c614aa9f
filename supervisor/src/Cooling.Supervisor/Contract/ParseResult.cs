namespace Cooling.Supervisor.Contract;

/// <summary>A message read from the wire: its value, or the reason it was refused.</summary>
public readonly record struct ParseResult<T>(T? Value, string? Error) where T : notnull
{
    public bool IsSuccess => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string reason) => new(default, reason);
}
