namespace Cdu.Firmware.Alarms
{
    /// <summary>Receives every alarm transition (the controller publishes it as an event).</summary>
    public interface IAlarmSink
    {
        void AlarmChanged(Alarm alarm, bool raised, long nowMilliseconds);
    }
}
