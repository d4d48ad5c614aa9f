namespace Cdu.Firmware.Control
{
    /// <summary>The sums over the consecutive stable cycles of a relay experiment, from which the model is identified.</summary>
    public sealed class RelayCycleAverages
    {
        public int Count;
        public double DownSeconds;
        public double UpSeconds;
        public double Peak;
        public double Trough;
        public double SwitchDownMeasurement;
        public double SwitchUpMeasurement;
        public double OutputIntegral;
        public double MeasurementIntegral;

        public void Add(RelayCycle cycle)
        {
            Count++;
            DownSeconds += cycle.DownSeconds;
            UpSeconds += cycle.UpSeconds;
            Peak += cycle.Peak;
            Trough += cycle.Trough;
            SwitchDownMeasurement += cycle.SwitchDownMeasurement;
            SwitchUpMeasurement += cycle.SwitchUpMeasurement;
            OutputIntegral += cycle.OutputIntegral;
            MeasurementIntegral += cycle.MeasurementIntegral;
        }

        public void Clear()
        {
            Count = 0;
            DownSeconds = 0;
            UpSeconds = 0;
            Peak = 0;
            Trough = 0;
            SwitchDownMeasurement = 0;
            SwitchUpMeasurement = 0;
            OutputIntegral = 0;
            MeasurementIntegral = 0;
        }
    }
}
