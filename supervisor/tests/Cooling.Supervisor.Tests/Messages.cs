using System.Globalization;
using System.Text;

namespace Cooling.Supervisor.Tests;

/// <summary>Contract-v1 messages as a rack agent or a CDU would write them.</summary>
internal static class Messages
{
    public static byte[] Rack(int gpus = 72, double hottest = 61.5, int hottestIndex = 7, long seq = 1)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":{{seq}},"timestampUnixMilliseconds":1764000000000,"inletTemperatureCelsius":30.1,"outletTemperatureCelsius":40.2,"flowLitersPerMinute":180.5,"powerWatts":126000,"gpus":[""");
        for (var i = 0; i < gpus; i++)
        {
            if (i > 0) sb.Append(',');
            var t = i == hottestIndex ? hottest : 50 + i % 5;
            sb.Append(CultureInfo.InvariantCulture, $$"""{"index":{{i}},"temperatureCelsius":{{t}},"memoryTemperatureCelsius":{{t - 5}},"powerWatts":1300.5,"throttled":{{(i == 3 ? "true" : "false")}}}""");
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] CduTelemetry(long seq = 1, string supply = "30.02") => Encoding.UTF8.GetBytes($$"""
        {"v":1,"seq":{{seq}},"uptimeMilliseconds":12000,"mode":"automatic","setpointSource":"supervisor","supplyTemperatureCelsius":{{supply}},
         "returnTemperatureCelsius":40.1,"supplyTemperatureSetpointCelsius":30.00,"supplyTemperatureTargetCelsius":30.00,
         "facilitySupplyTemperatureCelsius":24.0,"facilityReturnTemperatureCelsius":33.0,"flowLitersPerMinute":720.0,"deltaPressureKpa":121.5,
         "valvePositionPercent":55.2,"valveCommandPercent":55.4,"pumpSpeedPercent":90.0,"dewPointCelsius":11.4,"lastRequestSeq":7,
         "leaseRemainingSeconds":24.0,"rejectedMessages":0,"firmwareVersion":"0.1.0"}
        """);

    public static byte[] Ack(long seq, string status = "accepted", double applied = 30) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"v":1,"seq":{{seq}},"status":"{{status}}","reason":"as requested","requestedSupplyTemperatureCelsius":{{applied}},"appliedSupplyTemperatureCelsius":{{applied}},"leaseSeconds":30,"uptimeMilliseconds":5}"""));

    public static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
}
