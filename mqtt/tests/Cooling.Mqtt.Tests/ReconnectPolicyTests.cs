using Cooling.Mqtt.Connection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MQTTnet.Exceptions;

namespace Cooling.Mqtt.Tests;

/// <summary>The reconnect waits on fake time: 0.5 s doubling to 10 s, from 0.5 s again after a success.</summary>
public sealed class ReconnectPolicyTests
{
    private static readonly double[] ExpectedWaitsSeconds = [0.5, 1, 2, 4, 8, 10, 10];

    [Fact]
    public async Task Waits_double_from_half_a_second_to_ten_and_start_again_after_a_success()
    {
        var time = new FakeTimeProvider();
        var logger = new WaitLogger();
        using var stopping = new CancellationTokenSource();
        var pipeline = ReconnectPolicy.Create(time, logger, "test", stopping.Token);

        await RunAsync(time, pipeline, failures: ExpectedWaitsSeconds.Length, stopping.Token);
        Assert.Equal(ExpectedWaitsSeconds, logger.WaitsSeconds);

        logger.WaitsSeconds.Clear();
        await RunAsync(time, pipeline, failures: 2, stopping.Token);
        Assert.Equal([0.5, 1], logger.WaitsSeconds);
    }

    [Fact]
    public async Task A_cancellation_by_the_owner_ends_the_attempts_and_other_errors_are_not_retried()
    {
        var time = new FakeTimeProvider();
        using var stopping = new CancellationTokenSource();
        var pipeline = ReconnectPolicy.Create(time, new WaitLogger(), "test", stopping.Token);
        var attempts = 0;
        await Assert.ThrowsAsync<FormatException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new FormatException("not a connection problem");
        }, stopping.Token));
        Assert.Equal(1, attempts);

        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pipeline.ExecuteAsync(ct =>
        {
            ct.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }, stopping.Token));
    }

    /// <summary>Runs attempts that fail <paramref name="failures"/> times, moving the fake clock on by more than any wait until they succeed.</summary>
    private static async Task RunAsync(FakeTimeProvider time, Polly.ResiliencePipeline pipeline, int failures, CancellationToken token)
    {
        var left = failures;
        var run = pipeline.ExecuteAsync(_ =>
        {
            if (Interlocked.Decrement(ref left) >= 0) throw new MqttCommunicationException("broker unreachable");
            return ValueTask.CompletedTask;
        }, token).AsTask();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(11)); // longer than the longest wait: the pending wait (if any) ends
            await Task.Delay(1, CancellationToken.None);
        }

        await run;
    }

    private sealed class WaitLogger : ILogger
    {
        public List<double> WaitsSeconds { get; } = [];


        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Delay").Value is TimeSpan delay)
            {
                lock (WaitsSeconds) WaitsSeconds.Add(delay.TotalSeconds);
            }
        }
    }
}
