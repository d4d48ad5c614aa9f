namespace Cdu.Firmware.Link
{
    /// <summary>The fixed reason texts of setpoint acknowledgements (docs/mqtt.md lists them).</summary>
    public static class SetpointReasons
    {
        public const string AsRequested = "as requested";
        public const string AboveMaximum = "clamped to the envelope maximum";
        public const string BelowMinimum = "clamped to the envelope minimum";
        public const string BelowDewPoint = "clamped to dew point + margin";
        public const string UnsupportedVersion = "unsupported contract version: v must be 1";
        public const string MissingSequence = "missing or invalid seq: a positive integer is required";
        public const string StaleSequence = "stale seq: not greater than the last accepted one";
        public const string ReplayedSequence = "replayed seq: equal to the last accepted one";
        public const string SequenceJumpTooLarge = "seq jump too large: more than 2^20 above the last accepted one";
        public const string MissingEpoch = "missing or invalid epoch: an integer from 1 to 2^53-1 is required";
        public const string StaleEpoch = "stale epoch: lower than the CDU's current session";
        public const string EpochJumpTooLarge = "epoch jump too large: more than 2^44 above the CDU's current session";
        public const string MissingLease = "missing or invalid leaseSeconds: an integer is required";
        public const string LeaseOutOfRange = "leaseSeconds outside the firmware's allowed range";
        public const string MissingSupplyTemperature = "missing or invalid supplyTemperatureCelsius: a number is required";
        public const string InvalidDeltaPressure = "invalid deltaPressureKpa: a number is required when present";
        public const string DeltaPressureAboveMaximum = "deltaPressureKpa clamped to the envelope maximum";
        public const string DeltaPressureBelowMinimum = "deltaPressureKpa clamped to the envelope minimum";
        public const string DeltaPressureNotRequested = "no deltaPressureKpa requested: the local setpoint holds";
        public const string DeltaPressureIgnoredHoldingFlow = "deltaPressureKpa ignored: the pumps hold flow";
    }
}
