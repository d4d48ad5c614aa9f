using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using MQTTnet.Exceptions;
using Polly;
using Polly.Retry;

namespace Cooling.Mqtt.Connection;

/// <summary>
/// How a connection comes back after the broker went away: attempts without end, waiting 0.5 s before the second,
/// doubling up to 10 s, and from 0.5 s again after a connection succeeded (each outage starts a new run of the
/// pipeline). A Polly retry pipeline whose waits run on the given <see cref="TimeProvider"/>. Retried: the broker
/// unreachable or refusing (communication errors, timeouts, TLS authentication failures); anything else ends the
/// attempt run.
/// </summary>
public static class ReconnectPolicy
{
    /// <summary>The wait before the second attempt.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    /// <summary>A pipeline for one connection's attempts; <paramref name="stopping"/> tells a cancellation by the owner from a timed-out attempt.</summary>
    public static ResiliencePipeline Create(TimeProvider time, ILogger logger, string name, CancellationToken stopping) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<MqttCommunicationException>()
                    .Handle<InvalidOperationException>()
                    .Handle<AuthenticationException>()
                    .Handle<OperationCanceledException>(_ => !stopping.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = FirstWait,
                MaxDelay = LongestWait,
                OnRetry = args =>
                {
                    logger.LogWarning("{Client}: broker unreachable ({Reason}); retrying in {Delay}", name, args.Outcome.Exception?.Message, args.RetryDelay);
                    return default;
                },
            })
            .Build();
}
