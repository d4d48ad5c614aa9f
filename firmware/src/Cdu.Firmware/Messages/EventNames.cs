namespace Cdu.Firmware.Messages
{
    /// <summary>Event names and severities of contract v1 (severities as in Redfish: OK, Warning, Critical).</summary>
    public static class EventNames
    {
        public const string MessageRejected = "MessageRejected";
        public const string ModeChanged = "ModeChanged";
        public const string SupervisorLeaseExpired = "SupervisorLeaseExpired";
        public const string SupervisorLeaseResumed = "SupervisorLeaseResumed";
        public const string SupervisorLeaseReleased = "SupervisorLeaseReleased";
        public const string WatchdogTripped = "WatchdogTripped";
        public const string ConfigurationChanged = "ConfigurationChanged";
        public const string AutoTuneCompleted = "AutoTuneCompleted";
        public const string AutoTuneFailed = "AutoTuneFailed";

        public const string SeverityOk = "OK";
        public const string SeverityWarning = "Warning";
        public const string SeverityCritical = "Critical";

        public const string OversizeReason = "oversize message: larger than the inbox slot";
        public const string InboxFullReason = "inbox full: message dropped";
        public const string RetainedReason = "retained message ignored";
        public const string UnknownTopicReason = "no handler for this topic";
    }
}
