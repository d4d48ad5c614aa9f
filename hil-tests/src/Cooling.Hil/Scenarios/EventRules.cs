using Cooling.Hil.Sil;
using Cooling.Twin;

namespace Cooling.Hil.Scenarios;

/// <summary>Validation of a scenario's disturbances, faults and operator actions: known kinds, their fields, their times.</summary>
public static class EventRules
{
    public static readonly string[] DisturbanceKinds = ["facilityWater", "humidity", "systemResistance", "pumpSlowdown"];

    public static readonly string[] FaultKinds =
        ["pumpTrip", "pumpSeize", "sensor", "leak", "reservoirLow", "brokerOutage", "supervisorCrash", "leaseLoss", "malformedBurst", "controllerHang"];

    public static readonly string[] OperatorCommands = ["reset", "manual", "automatic", "shutdown", "start", "releaseLease"];

    public static IEnumerable<string> Validate(Scenario s)
    {
        for (var i = 0; i < s.Disturbances.Count; i++)
        {
            var d = s.Disturbances[i];
            var at = $"$.disturbances[{i}]";
            if (d.AtSeconds < 0 || d.AtSeconds >= s.DurationSeconds) yield return $"{at}.atSeconds: must be 0 … below durationSeconds";
            switch (d.Kind)
            {
                case "facilityWater":
                    if (d.ToCelsius is < 5 or > 45) yield return $"{at}.toCelsius: must be 5 … 45";
                    if (d.OverSeconds < 0) yield return $"{at}.overSeconds: must be ≥ 0";
                    break;
                case "humidity":
                    if (d.AmbientTemperatureCelsius is null && d.RelativeHumidityPercent is null) yield return $"{at}: give ambientTemperatureCelsius and/or relativeHumidityPercent";
                    if (d.AmbientTemperatureCelsius is < -10 or > 50) yield return $"{at}.ambientTemperatureCelsius: must be -10 … 50";
                    if (d.RelativeHumidityPercent is < 0 or > 100) yield return $"{at}.relativeHumidityPercent: must be 0 … 100";
                    break;
                case "systemResistance":
                    if (d.Factor is < 0.2 or > 5) yield return $"{at}.factor: must be 0.2 … 5";
                    break;
                case "pumpSlowdown":
                    if (d.Fraction is <= 0 or >= 1) yield return $"{at}.fraction: must be above 0 and below 1";
                    break;
                default:
                    yield return $"{at}.kind: '{d.Kind}' is not a disturbance (use {string.Join(", ", DisturbanceKinds)})";
                    break;
            }
        }

        for (var i = 0; i < s.Faults.Count; i++)
        {
            foreach (var e in ValidateFault(s, s.Faults[i], $"$.faults[{i}]")) yield return e;
        }

        for (var i = 0; i < s.Operator.Count; i++)
        {
            var o = s.Operator[i];
            var at = $"$.operator[{i}]";
            if (o.AtSeconds < 0 || o.AtSeconds >= s.DurationSeconds) yield return $"{at}.atSeconds: must be 0 … below durationSeconds";
            if (!OperatorCommands.Contains(o.Command)) yield return $"{at}.command: '{o.Command}' is not a command (use {string.Join(", ", OperatorCommands)})";
            if (o.Actuator is not ("valve" or "pumps")) yield return $"{at}.actuator: must be valve or pumps";
            if (o.ValuePercent is < 0 or > 100) yield return $"{at}.valuePercent: must be 0 … 100";
        }
    }

    private static IEnumerable<string> ValidateFault(Scenario s, FaultSpec f, string at)
    {
        if (f.AtSeconds < 0 || f.AtSeconds >= s.DurationSeconds) yield return $"{at}.atSeconds: must be 0 … below durationSeconds";
        if (f.ClearAtSeconds is { } clear && clear <= f.AtSeconds) yield return $"{at}.clearAtSeconds: must be after atSeconds";
        if (f.DurationSeconds is <= 0) yield return $"{at}.durationSeconds: must be above 0";
        switch (f.Kind)
        {
            case "pumpTrip":
            case "pumpSeize":
                if (f.Pump is not ("lead" or "standby") && !(int.TryParse(f.Pump, out var n) && n >= 1 && n <= s.Plant.Pumps))
                {
                    yield return $"{at}.pump: '{f.Pump}' is not a pump (lead, standby or 1 … {s.Plant.Pumps})";
                }

                break;
            case "sensor":
                if (f.Channel is null || !SimulatedCduIo.Channels.Contains(f.Channel)) yield return $"{at}.channel: '{f.Channel}' is not a channel (use {string.Join(", ", SimulatedCduIo.Channels)})";
                if (f.Fault is null || !ScenarioEvents.SensorFaultNames.Contains(f.Fault)) yield return $"{at}.fault: '{f.Fault}' is not a sensor fault (use {string.Join(", ", ScenarioEvents.SensorFaultNames)})";
                break;
            case "leak":
                if (f.Zone is < 1 or > 4) yield return $"{at}.zone: must be 1 … 4";
                if (f.LevelPercent is <= 0 or > 100) yield return $"{at}.levelPercent: must be above 0 and at most 100";
                break;
            case "reservoirLow":
                if (f.LevelPercent is < 0 or >= 100) yield return $"{at}.levelPercent: must be 0 … below 100";
                break;
            case "brokerOutage":
            case "supervisorCrash":
            case "leaseLoss":
            case "controllerHang":
                if (f.Kind is "supervisorCrash" or "leaseLoss" && s.Supervisor is null) yield return $"{at}.kind: {f.Kind} needs a supervisor";
                break;
            case "malformedBurst":
                if (f.Count is < 1 or > 100_000) yield return $"{at}.count: must be 1 … 100000";
                if (f.Topic is not ("setpointRequest" or "command" or "config")) yield return $"{at}.topic: use setpointRequest, command or config";
                break;
            default:
                yield return $"{at}.kind: '{f.Kind}' is not a fault (use {string.Join(", ", FaultKinds)})";
                break;
        }
    }
}
