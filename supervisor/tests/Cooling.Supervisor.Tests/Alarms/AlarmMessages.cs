using System.Globalization;
using System.Text;

namespace Cooling.Supervisor.Tests.Alarms;

/// <summary>Contract-v1 messages with the values the alarm rules look at.</summary>
internal static class AlarmMessages
{
    public static byte[] Rack(double hottestGpu = 65, double memory = 60, int throttled = 0, double inlet = 30, double outlet = 40, int gpus = 8)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":1,"timestampUnixMilliseconds":1764000000000,"inletTemperatureCelsius":{{inlet}},"outletTemperatureCelsius":{{outlet}},"flowLitersPerMinute":180,"gpus":[""");
        for (var i = 0; i < gpus; i++)
        {
            if (i > 0) sb.Append(',');
            var t = i == 5 ? hottestGpu : 50;
            var m = i == 5 ? memory : 45;
            sb.Append(CultureInfo.InvariantCulture, $$"""{"index":{{i}},"temperatureCelsius":{{t}},"memoryTemperatureCelsius":{{m}},"powerWatts":1000,"throttled":{{(i < throttled ? "true" : "false")}}}""");
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A rack message as the dcgm-exporter bridge writes it (no coolant values) with the given GPUs; memory and throttle flag left out when null.</summary>
    public static byte[] Gpus(params (int Index, double Temperature, double? Memory, bool? Throttled)[] gpus)
    {
        var sb = new StringBuilder("""{"v":1,"seq":1,"timestampUnixMilliseconds":1764000000000,"gpus":[""");
        for (var i = 0; i < gpus.Length; i++)
        {
            var (index, t, m, throttled) = gpus[i];
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $$"""{"index":{{index}},"temperatureCelsius":{{t}}""");
            if (m is { } memory) sb.Append(CultureInfo.InvariantCulture, $$""","memoryTemperatureCelsius":{{memory}}""");
            sb.Append(""","powerWatts":700""");
            if (throttled is { } flag) sb.Append(flag ? ""","throttled":true""" : ""","throttled":false""");
            sb.Append('}');
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Cdu(double supply = 30, double setpoint = 30, long uptimeSeconds = 3600, string mode = "automatic", string alarms = "")
    {
        var text = string.Create(CultureInfo.InvariantCulture, $$"""
            {"v":1,"seq":5,"uptimeMilliseconds":{{uptimeSeconds * 1000}},"mode":"{{mode}}","setpointSource":"supervisor","supplyTemperatureCelsius":{{supply}},
             "returnTemperatureCelsius":40.1,"supplyTemperatureSetpointCelsius":{{setpoint}},"supplyTemperatureTargetCelsius":{{setpoint}},
             "facilitySupplyTemperatureCelsius":24.0,"facilityReturnTemperatureCelsius":33.0,"flowLitersPerMinute":720.0,"deltaPressureKpa":121.5,
             "valvePositionPercent":55.2,"valveCommandPercent":55.4,"pumpSpeedPercent":90.0,"dewPointCelsius":11.4,"lastRequestSeq":7,
             "leaseRemainingSeconds":24.0,"rejectedMessages":0,"firmwareVersion":"0.1.0","alarms":[{{alarms}}]}
            """);
        return Encoding.UTF8.GetBytes(text);
    }

    public static string Alarm(string code, string source, string severity) => $$"""{"code":"{{code}}","source":"{{source}}","severity":"{{severity}}"}""";

    public static byte[] State(bool online) => Encoding.UTF8.GetBytes(online
        ? """{"v":1,"online":true,"firmwareVersion":"0.2.0","mode":"automatic"}"""
        : """{"v":1,"online":false}""");

    public static byte[] Ack(long seq, string status, string reason = "as requested") => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"v":1,"seq":{{seq}},"status":"{{status}}","reason":"{{reason}}","requestedSupplyTemperatureCelsius":30,"appliedSupplyTemperatureCelsius":30,"leaseSeconds":30,"uptimeMilliseconds":5}"""));
}
