namespace Cooling.Hil.Kpis;

/// <summary>
/// Accumulates every window KPI of <see cref="KpiCatalog"/> over [<see cref="FromSeconds"/>, <see cref="UntilSeconds"/>]
/// from one <see cref="CycleSample"/> per control cycle, so that a day of plant time needs no stored trace.
/// </summary>
public sealed class KpiWindow(double fromSeconds, double untilSeconds)
{
    /// <summary>Supply band of CTL-1/CTL-2 for the settling time, K.</summary>
    public const double SettlingBandKelvin = 0.5;

    private bool _started;
    private CycleSample _last;
    private long _cycles;
    private double _hottest = double.NegativeInfinity;
    private double _above85;
    private double _above87;
    private double _iae;
    private double _maximumDeviation;
    private double _lastOutsideSeconds = double.NaN;
    private double _deltaPressureDeviation;
    private double _pumpJoules;
    private double _facilityJoules;
    private double _valveTravel;
    private double _pumpTravel;
    private double _valveRate;
    private double _pumpRate;
    private double _setpointRate;
    private double _dewPointMargin = double.PositiveInfinity;
    private double _startFlow = double.NaN;
    private double _minimumFlow = double.PositiveInfinity;
    private long _fallback;
    private long _degraded;
    private long _shutdown;
    private long _pumpsStopped;
    private double _divergence;
    private double _setpointMaximum = double.NegativeInfinity;
    private double _setpointMinimum = double.PositiveInfinity;
    private long _leadChanges;

    public double FromSeconds { get; } = fromSeconds;

    public double UntilSeconds { get; } = untilSeconds;

    public long AlarmsRaised { get; private set; }

    public long AlarmsCleared { get; private set; }

    public long CriticalAlarmsRaised { get; private set; }

    public long MessagesRejected { get; private set; }

    /// <summary>
    /// False when the samples' setpoint is only refreshed now and then (the virtual target sees it in 1 Hz telemetry):
    /// its rate per cycle means nothing then, and the setpoint-rate KPI is not measured.
    /// </summary>
    public bool SetpointEveryCycle { get; init; } = true;

    public bool Contains(double seconds) => seconds >= FromSeconds && seconds <= UntilSeconds;

    /// <summary>Adds one cycle of <paramref name="periodSeconds"/>; <paramref name="divergencePercent"/> is NaN without a lockstep twin.</summary>
    public void Add(in CycleSample s, double periodSeconds, double divergencePercent)
    {
        if (!Contains(s.Seconds)) return;
        _cycles++;
        _hottest = Math.Max(_hottest, s.HottestGpuCelsius);
        if (s.HottestGpuCelsius > 85) _above85 += periodSeconds;
        if (s.HottestGpuCelsius > 87) _above87 += periodSeconds;
        var deviation = Math.Abs(s.SupplyCelsius - s.SetpointCelsius);
        _iae += deviation * periodSeconds;
        _maximumDeviation = Math.Max(_maximumDeviation, deviation);
        if (deviation > SettlingBandKelvin) _lastOutsideSeconds = s.Seconds + periodSeconds;
        if (s.AnyPumpRunning && s.FlowProven && s.DeltaPressureSetpointKpa > 0)
        {
            _deltaPressureDeviation = Math.Max(_deltaPressureDeviation, 100 * Math.Abs(s.DeltaPressureKpa - s.DeltaPressureSetpointKpa) / s.DeltaPressureSetpointKpa);
        }

        _pumpJoules += s.PumpPowerWatts * periodSeconds;
        _facilityJoules += s.FacilityPowerWatts * periodSeconds;
        _dewPointMargin = Math.Min(_dewPointMargin, Math.Min(s.SetpointCelsius, s.TargetCelsius) - s.DewPointCelsius);
        if (double.IsNaN(_startFlow)) _startFlow = s.FlowLitersPerMinute;
        _minimumFlow = Math.Min(_minimumFlow, s.FlowLitersPerMinute);
        _setpointMaximum = Math.Max(_setpointMaximum, s.TargetCelsius);
        _setpointMinimum = Math.Min(_setpointMinimum, s.TargetCelsius);
        if (s.Fallback) _fallback++;
        if (s.Degraded) _degraded++;
        if (s.Shutdown) _shutdown++;
        if (!s.AnyPumpRunning) _pumpsStopped++;
        if (!double.IsNaN(divergencePercent)) _divergence = Math.Max(_divergence, divergencePercent);
        else _divergence = double.NaN;

        if (_started)
        {
            var valveMove = Math.Abs(s.ValveCommandPercent - _last.ValveCommandPercent);
            _valveTravel += valveMove;
            _valveRate = Math.Max(_valveRate, valveMove / periodSeconds);
            if (s.LeadPump == _last.LeadPump && !double.IsNaN(s.LeadPumpSpeedCommandPercent) && !double.IsNaN(_last.LeadPumpSpeedCommandPercent))
            {
                var pumpMove = Math.Abs(s.LeadPumpSpeedCommandPercent - _last.LeadPumpSpeedCommandPercent);
                _pumpTravel += pumpMove;
                _pumpRate = Math.Max(_pumpRate, pumpMove / periodSeconds);
            }

            if (s.LeadPump != _last.LeadPump) _leadChanges++;
            _setpointRate = Math.Max(_setpointRate, Math.Abs(s.SetpointCelsius - _last.SetpointCelsius) / periodSeconds * 60);
        }

        _last = s;
        _started = true;
    }

    /// <summary>Counts alarm transitions and rejected messages seen in this cycle.</summary>
    public void Count(double seconds, int raised, int cleared, int criticalRaised, long rejected)
    {
        if (!Contains(seconds)) return;
        AlarmsRaised += raised;
        AlarmsCleared += cleared;
        CriticalAlarmsRaised += criticalRaised;
        MessagesRejected += rejected;
    }

    /// <summary>The window KPIs by name (a KPI the window cannot give is absent).</summary>
    public Dictionary<string, double> Values()
    {
        var fraction = (long count) => _cycles > 0 ? count / (double)_cycles : double.NaN;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [KpiCatalog.HottestGpuMaximumCelsius] = _hottest,
            [KpiCatalog.HottestGpuSecondsAbove85Celsius] = _above85,
            [KpiCatalog.HottestGpuSecondsAbove87Celsius] = _above87,
            [KpiCatalog.SupplyTemperatureIaeKelvinSeconds] = _iae,
            [KpiCatalog.SupplyTemperatureMaximumDeviationKelvin] = _maximumDeviation,
            [KpiCatalog.SupplyTemperatureSettlingSeconds] = double.IsNaN(_lastOutsideSeconds) ? 0 : _lastOutsideSeconds - FromSeconds,
            [KpiCatalog.DeltaPressureMaximumDeviationPercent] = _deltaPressureDeviation,
            [KpiCatalog.PumpEnergyKilowattHours] = _pumpJoules / 3.6e6,
            [KpiCatalog.FacilityEnergyKilowattHours] = _facilityJoules / 3.6e6,
            [KpiCatalog.CoolingEnergyKilowattHours] = (_pumpJoules + _facilityJoules) / 3.6e6,
            [KpiCatalog.ValveTravelPercent] = _valveTravel,
            [KpiCatalog.PumpTravelPercent] = _pumpTravel,
            [KpiCatalog.ValveMaximumRatePercentPerSecond] = _valveRate,
            [KpiCatalog.PumpMaximumRatePercentPerSecond] = _pumpRate,
            [KpiCatalog.SetpointMaximumRateKelvinPerMinute] = SetpointEveryCycle ? _setpointRate : double.NaN,
            [KpiCatalog.DewPointMarginMinimumKelvin] = _dewPointMargin,
            [KpiCatalog.FlowMinimumFraction] = _startFlow > 0 ? _minimumFlow / _startFlow : double.NaN,
            [KpiCatalog.SupplySetpointMaximumCelsius] = _setpointMaximum,
            [KpiCatalog.SupplySetpointMinimumCelsius] = _setpointMinimum,
            [KpiCatalog.LeadPumpChanges] = _leadChanges,
            [KpiCatalog.FallbackModeFraction] = fraction(_fallback),
            [KpiCatalog.DegradedModeFraction] = fraction(_degraded),
            [KpiCatalog.ShutdownModeFraction] = fraction(_shutdown),
            [KpiCatalog.PumpsStoppedFraction] = fraction(_pumpsStopped),
            [KpiCatalog.AlarmsRaised] = AlarmsRaised,
            [KpiCatalog.AlarmsCleared] = AlarmsCleared,
            [KpiCatalog.CriticalAlarmsRaised] = CriticalAlarmsRaised,
            [KpiCatalog.MessagesRejected] = MessagesRejected,
            [KpiCatalog.ActuatorDivergencePercent] = _divergence,
        };
    }
}
