using System.Globalization;
using System.Text.Json;

namespace Cdu.Firmware.Host.Tests.Support;

/// <summary>
/// A tiny plant for the HIL tests, played the way a rig plays the real one: it follows the CDU's last actuator message
/// (pumps spin up to their command with a 1 s lag, ΔP and flow follow the speed, the valve position follows its
/// command) and writes one sensor message per step with a tiny alternating dither, so that no reading ever looks stuck.
/// </summary>
public sealed class Plant
{
    private readonly double[] _speed = new double[4];
    private double _flow;
    private double _deltaPressure;
    private double _valve;
    private long _seq;

    public double SupplyTemperatureCelsius { get; set; } = 30.0;

    public double[] LeakZonesPercent { get; } = new double[4];

    /// <summary>Advances 100 ms under the commands of <paramref name="actuators"/> (null: all stopped).</summary>
    public void Step(JsonElement? actuators)
    {
        var running = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var run = actuators is { } a && a.GetProperty("pumpRun")[i].GetBoolean();
            var command = run ? actuators!.Value.GetProperty("pumpSpeedPercent")[i].GetDouble() : 0;
            _speed[i] += (command - _speed[i]) * 0.1;
            running = Math.Max(running, _speed[i]);
        }

        _valve = actuators is { } v ? v.GetProperty("valveCommandPercent").GetDouble() : _valve;
        var flowTarget = 1300 * running / 100;
        var deltaPressureTarget = 400 * Math.Pow(running / 100, 2);
        _flow += (flowTarget - _flow) * 0.1;
        _deltaPressure += (deltaPressureTarget - _deltaPressure) * 0.1;
    }

    public string SensorMessage()
    {
        _seq++;
        var d = (_seq % 2 == 0 ? 1 : -1) * 0.002;
        static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
        var t = SupplyTemperatureCelsius;
        return $$"""
            {"v":1,"seq":{{_seq}},"supplyTemperaturesCelsius":[{{F(t + d)}},{{F(t - d)}},{{F(t + 2 * d)}}],
             "returnTemperatureCelsius":{{F(t + 8 + d)}},"facilitySupplyTemperatureCelsius":{{F(24 + d)}},"facilityReturnTemperatureCelsius":{{F(31 + d)}},
             "deltaPressureMilliamps":{{F(4 + 16 * _deltaPressure / 400 + d)}},"flowMilliamps":{{F(4 + 16 * _flow / 2000 + d)}},"filterDeltaPressureMilliamps":{{F(5.6 + d)}},
             "valvePositionPercent":{{F(_valve)}},"ambientTemperatureCelsius":{{F(24 + d)}},"relativeHumidityPercent":{{F(45 + d)}},"ambientValid":true,
             "pumpFaults":[false,false],"pumpSpeedFeedbackPercent":[{{F(_speed[0])}},{{F(_speed[1])}}],
             "leakZonesPercent":[{{F(LeakZonesPercent[0])}},{{F(LeakZonesPercent[1])}},{{F(LeakZonesPercent[2])}},{{F(LeakZonesPercent[3])}}],
             "reservoirLevelPercent":{{F(80 + d)}}}
            """;
    }
}
