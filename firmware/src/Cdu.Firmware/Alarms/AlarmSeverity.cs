namespace Cdu.Firmware.Alarms
{
    /// <summary>Alarm severities, named as in Redfish (Resource.Health / message severities).</summary>
    public enum AlarmSeverity
    {
        Ok = 0,
        Warning = 1,
        Critical = 2,
    }
}
