namespace Cooling.Twin.Cli;

/// <summary>The system clock running <c>speed</c> times as fast from the moment it is made (an accelerated hall on a broker).</summary>
internal sealed class ScaledTimeProvider(double speed) : TimeProvider
{
    private readonly long _origin = TimeProvider.System.GetTimestamp();
    private readonly DateTimeOffset _start = TimeProvider.System.GetUtcNow();

    public override long TimestampFrequency => TimeProvider.System.TimestampFrequency;

    public override long GetTimestamp() => _origin + (long)((TimeProvider.System.GetTimestamp() - _origin) * speed);

    public override DateTimeOffset GetUtcNow() => _start + GetElapsedTime(_origin);
}
