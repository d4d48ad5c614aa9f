namespace Cooling.Supervisor.Dcgm;

/// <summary>
/// One dcgm-exporter exposition read into per-GPU readings, with what was left out and why: values DCGM marks
/// "not supported", values outside the contract's ranges, samples without a host or gpu label, lines that do not
/// parse. Metrics other than the bridge's four are ignored.
/// </summary>
public sealed class DcgmScrape
{
    private DcgmScrape(IReadOnlyList<DcgmGpuReading> gpus) => Gpus = gpus;

    public IReadOnlyList<DcgmGpuReading> Gpus { get; }

    public int NotSupportedValues { get; private set; }

    public int OutOfRangeValues { get; private set; }

    public int SamplesWithoutGpuLabels { get; private set; }

    /// <summary>Lines that did not parse, with their line number and reason.</summary>
    public IReadOnlyList<string> MalformedLines { get; private set; } = [];

    public static DcgmScrape Read(string exposition)
    {
        var malformed = new List<string>();
        var samples = PrometheusTextParser.Parse(exposition, malformed);
        var gpus = new Dictionary<(string Host, int Gpu), DcgmGpuReading>();
        int notSupported = 0, outOfRange = 0, unlabelled = 0;
        foreach (var sample in samples)
        {
            var field = sample.Metric switch
            {
                DcgmFields.GpuTemperature => Field.Temperature,
                DcgmFields.MemoryTemperature => Field.MemoryTemperature,
                DcgmFields.PowerUsage => Field.Power,
                DcgmFields.ClocksEventReasons or DcgmFields.ClockThrottleReasons => Field.Reasons,
                _ => Field.None,
            };
            if (field == Field.None)
            {
                continue;
            }

            var host = DcgmFields.Host(sample.Labels);
            if (host is null || !sample.Labels.TryGetValue("gpu", out var gpuText) || !int.TryParse(gpuText, out var gpu) || gpu < 0)
            {
                unlabelled++;
                continue;
            }

            if (!gpus.TryGetValue((host, gpu), out var reading))
            {
                reading = new DcgmGpuReading(host, gpu, sample.Labels.GetValueOrDefault("UUID"), sample.Labels.GetValueOrDefault("modelName"));
                gpus.Add((host, gpu), reading);
            }

            if (DcgmFields.IsNotSupported(sample.ValueText, sample.Value))
            {
                notSupported++;
                continue;
            }

            var v = sample.Value;
            var accepted = field switch
            {
                Field.Temperature => Set(v, -20, 150, x => reading.TemperatureCelsius = x),
                Field.MemoryTemperature => Set(v, -20, 150, x => reading.MemoryTemperatureCelsius = x),
                Field.Power => Set(v, 0, 5000, x => reading.PowerWatts = x),
                _ => Set(v, 0, ulong.MaxValue, x => reading.ClockEventReasons = (ulong)x),
            };
            if (!accepted)
            {
                outOfRange++;
            }
        }

        return new DcgmScrape([.. gpus.Values.OrderBy(g => g.Host, StringComparer.Ordinal).ThenBy(g => g.Gpu)])
        {
            NotSupportedValues = notSupported,
            OutOfRangeValues = outOfRange,
            SamplesWithoutGpuLabels = unlabelled,
            MalformedLines = malformed,
        };
    }

    private static bool Set(double value, double minimum, double maximum, Action<double> set)
    {
        if (!(value >= minimum && value <= maximum) || (maximum == ulong.MaxValue && value != Math.Floor(value)))
        {
            return false;
        }

        set(value);
        return true;
    }

    private enum Field
    {
        None,
        Temperature,
        MemoryTemperature,
        Power,
        Reasons,
    }
}
