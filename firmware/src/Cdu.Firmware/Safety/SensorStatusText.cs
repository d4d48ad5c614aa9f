namespace Cdu.Firmware.Safety
{
    /// <summary>Fixed names of <see cref="SensorStatus"/> for messages (no allocation, no reflection).</summary>
    public static class SensorStatusText
    {
        public static string Name(SensorStatus status)
        {
            switch (status)
            {
                case SensorStatus.Ok: return "ok";
                case SensorStatus.Missing: return "missing";
                case SensorStatus.Open: return "open";
                case SensorStatus.Short: return "short";
                case SensorStatus.OutOfRange: return "outOfRange";
                case SensorStatus.RateOfChange: return "rateOfChange";
                case SensorStatus.Stuck: return "stuck";
                default: return "disagreement";
            }
        }
    }
}
