namespace Cdu.Firmware.Control
{
    /// <summary>Why a <see cref="RelayAutoTuner"/> experiment ended without a model.</summary>
    public enum RelayAutoTuneFailure
    {
        /// <summary>No failure (running, or succeeded).</summary>
        None = 0,

        /// <summary>Amplitude, hysteresis, limits, timeout or the start values are out of range, or the relay has no swing within the limits.</summary>
        InvalidConfiguration = 1,

        /// <summary>The measurement never crossed the hysteresis band often enough to form a limit cycle (relay too weak, process too slow, or the wrong action).</summary>
        NoOscillation = 2,

        /// <summary>A limit cycle formed but did not repeat within the tolerance for the required number of cycles before the timeout.</summary>
        Timeout = 3,

        /// <summary>The average output hardly moved from the resting output: the static gain cannot be resolved (move the setpoint away from the resting measurement or set a bias offset).</summary>
        GainNotIdentifiable = 4,

        /// <summary>The limit cycle does not fit a stable first-order-plus-dead-time model (wrong gain sign, peaks beyond the asymptotes, θ ≤ 0).</summary>
        ModelNotIdentifiable = 5,

        /// <summary>Stopped by <see cref="RelayAutoTuner.Abort"/>.</summary>
        Aborted = 6,
    }
}
