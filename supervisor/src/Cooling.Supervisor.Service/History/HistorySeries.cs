namespace Cooling.Supervisor.Service.History;

/// <summary>A field that history can be asked for: the contract's name for it, its device kind, its table and column.</summary>
public sealed record HistorySeries(string Device, string Field, string Table, string Column)
{
    public const string Cdu = "cdu";
    public const string Rack = "rack";

    /// <summary>The fields of the store's tables by their contract names (camelCase, unit in the name).</summary>
    public static readonly IReadOnlyList<HistorySeries> All =
    [
        new(Cdu, "supplyTemperatureCelsius", "cdu_telemetry", "supply_c"),
        new(Cdu, "returnTemperatureCelsius", "cdu_telemetry", "return_c"),
        new(Cdu, "supplyTemperatureSetpointCelsius", "cdu_telemetry", "setpoint_c"),
        new(Cdu, "supplyTemperatureTargetCelsius", "cdu_telemetry", "target_c"),
        new(Cdu, "facilitySupplyTemperatureCelsius", "cdu_telemetry", "facility_supply_c"),
        new(Cdu, "facilityReturnTemperatureCelsius", "cdu_telemetry", "facility_return_c"),
        new(Cdu, "flowLitersPerMinute", "cdu_telemetry", "flow_lpm"),
        new(Cdu, "deltaPressureKpa", "cdu_telemetry", "dp_kpa"),
        new(Cdu, "valvePositionPercent", "cdu_telemetry", "valve_pct"),
        new(Cdu, "valveCommandPercent", "cdu_telemetry", "valve_command_pct"),
        new(Cdu, "rejectedMessages", "cdu_telemetry", "rejected_messages"),
        new(Rack, "inletTemperatureCelsius", "rack_telemetry", "inlet_c"),
        new(Rack, "outletTemperatureCelsius", "rack_telemetry", "outlet_c"),
        new(Rack, "flowLitersPerMinute", "rack_telemetry", "flow_lpm"),
        new(Rack, "powerWatts", "rack_telemetry", "power_w"),
        new(Rack, "hottestGpuTemperatureCelsius", "rack_telemetry", "hottest_gpu_c"),
        new(Rack, "hottestMemoryTemperatureCelsius", "rack_telemetry", "hottest_memory_c"),
        new(Rack, "throttledGpus", "rack_telemetry", "throttled_gpus"),
    ];

    public string DeviceColumn => Device == Cdu ? "cdu" : "rack";

    public static HistorySeries? Find(string device, string field) =>
        All.FirstOrDefault(s => s.Device == device && string.Equals(s.Field, field, StringComparison.Ordinal));

    public static IEnumerable<string> FieldsOf(string device) => All.Where(s => s.Device == device).Select(s => s.Field);
}
