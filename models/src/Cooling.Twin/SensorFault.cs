namespace Cooling.Twin;

/// <summary>A fault injected into one simulated sensor channel.</summary>
public enum SensorFaultKind
{
    None,

    /// <summary>The reading freezes at its last value.</summary>
    Stuck,

    /// <summary>The reading is offset by a fixed amount (a drifted or miscalibrated sensor).</summary>
    Offset,

    /// <summary>Open circuit: an RTD reads far above range, a 4–20 mA loop reads 0 mA.</summary>
    Open,

    /// <summary>Short circuit: an RTD reads far below range, a 4–20 mA loop reads above 21 mA.</summary>
    Short,

    /// <summary>The reading jumps to a fixed value (a spike faster than the process).</summary>
    Fixed,

    /// <summary>The reading drifts away at Amount per second (an ageing sensor).</summary>
    Drift,
}

/// <summary>A fault on a channel: its kind and, for Offset and Fixed, the amount in the channel's raw unit.</summary>
public sealed record SensorFault(SensorFaultKind Kind, double Amount = 0);
