namespace Cooling.Supervisor.Contract;

/// <summary>
/// Reads a rack telemetry message in one forward pass (no DOM): validates every field against the contract's
/// ranges and folds the GPU array into a summary. Any violation refuses the whole message with a reason that
/// names the field. Messages as rack agents write them take the <see cref="RackTelemetryScanner"/>; anything else
/// (and every refusal) is read by the general <see cref="RackTelemetryJsonReader"/>, with the same outcome.
/// </summary>
public static class RackTelemetryReader
{
    /// <summary>Largest accepted message, bytes (144 GPUs ≈ 16 KiB; generous for vendor extensions).</summary>
    public const int MaximumBytes = 256 * 1024;

    public const int MaximumGpus = 1024;

    public static ParseResult<RackTelemetry> Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaximumBytes)
        {
            return ParseResult<RackTelemetry>.Fail($"oversize: {payload.Length} bytes > {MaximumBytes}");
        }

        return RackTelemetryScanner.TryRead(payload, out var telemetry)
            ? ParseResult<RackTelemetry>.Ok(telemetry)
            : RackTelemetryJsonReader.Read(payload);
    }

    /// <summary>
    /// Reads a message and gives its GPU entries too (in message order; empty when refused). The span is this
    /// thread's reused buffer: valid until the thread reads the next message.
    /// </summary>
    public static ParseResult<RackTelemetry> Read(ReadOnlySpan<byte> payload, out ReadOnlySpan<GpuReading> gpus)
    {
        var result = Read(payload);
        gpus = result.IsSuccess ? GpuReadingBuffer.ForThisThread.AsSpan(0, result.Value!.GpuCount) : default;
        return result;
    }

    /// <summary>The general reader alone (for tests that compare both paths).</summary>
    internal static ParseResult<RackTelemetry> ReadWithoutFastPath(ReadOnlySpan<byte> payload) =>
        payload.Length > MaximumBytes ? ParseResult<RackTelemetry>.Fail($"oversize: {payload.Length} bytes > {MaximumBytes}") : RackTelemetryJsonReader.Read(payload);

    /// <summary>True when the fast path accepts the message by itself (for tests).</summary>
    internal static bool FastPathAccepts(ReadOnlySpan<byte> payload) => RackTelemetryScanner.TryRead(payload, out _);
}
