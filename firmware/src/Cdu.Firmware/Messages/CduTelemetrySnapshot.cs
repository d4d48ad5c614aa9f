namespace Cdu.Firmware.Messages
{
    /// <summary>The controller's own values that go into a telemetry message. Reused every cycle.</summary>
    public sealed class CduTelemetrySnapshot
    {
        public long Sequence { get; set; }
        public long UptimeMilliseconds { get; set; }
        public CduMode Mode { get; set; }
        public bool LeaseActive { get; set; }
        public double EffectiveSetpointCelsius { get; set; }
        public double TargetSetpointCelsius { get; set; }
        public double DewPointCelsius { get; set; }
        public long RequestEpoch { get; set; }
        public long LastRequestSequence { get; set; }
        public long LeaseRemainingMilliseconds { get; set; }
        public long RejectedMessages { get; set; }
        public long RetainedMessagesIgnored { get; set; }
        public double DeltaPressureSetpointKpa { get; set; }
        public double DeltaPressureTargetKpa { get; set; }
    }
}
