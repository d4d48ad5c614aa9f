using Polly;
using Polly.Retry;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>One send of the writer: the batch (null: nothing to send), where it came from, and what InfluxDB answered.</summary>
internal sealed record SendAttempt(BufferedBatch? Batch, bool FromBuffer, WriteOutcome Outcome)
{
    public static readonly SendAttempt Nothing = new(null, false, WriteOutcome.Success);
}

/// <summary>
/// How the writer retries a send that InfluxDB answered with "retry later" (a Polly retry pipeline on the given
/// <see cref="TimeProvider"/>), without end: the first wait <see cref="InfluxDbOptions.InitialRetryDelaySeconds"/>,
/// doubled after every further failure up to <see cref="InfluxDbOptions.MaxRetryDelaySeconds"/>; a server's
/// Retry-After replaces the computed wait (up to <see cref="InfluxDbOptions.MaxRetryAfterSeconds"/>); each send after
/// a success starts from the first wait again.
/// </summary>
internal static class InfluxRetryPolicy
{
    /// <param name="failed">Called after every failed send, before its wait.</param>
    public static ResiliencePipeline<SendAttempt> Create(InfluxDbOptions options, TimeProvider time, Action<SendAttempt> failed)
    {
        var longestRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        return new ResiliencePipelineBuilder<SendAttempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<SendAttempt>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Outcome.Kind == WriteOutcomeKind.RetryLater),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = TimeSpan.FromSeconds(options.InitialRetryDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Outcome.RetryAfter is { } asked
                    ? (TimeSpan?)(asked < TimeSpan.Zero ? TimeSpan.Zero : asked > longestRetryAfter ? longestRetryAfter : asked)
                    : null),
                OnRetry = args =>
                {
                    failed(args.Outcome.Result!);
                    return default;
                },
            })
            .Build();
    }
}
