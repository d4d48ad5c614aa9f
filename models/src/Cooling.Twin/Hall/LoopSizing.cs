using Cdu.Firmware;
using Cooling.Models.Plant;

namespace Cooling.Twin.Hall;

/// <summary>Loops of any rack count, scaled from the four-rack reference loop of <see cref="LoopDescription"/>.</summary>
public static class LoopSizing
{
    /// <summary>
    /// A loop of <paramref name="racks"/> racks: pump flow, facility flow, heat-exchanger UA, hold-up and pipe volumes
    /// and the reservoir scale with the rack count (≈ 200 L/min and ≈ 126 kW per rack, ≈ 1.6 L/min per kW); pressures
    /// and temperatures do not. Eight racks give the large plant (models/plants/large-plant.json) but for its pumps' efficiency.
    /// </summary>
    public static LoopDescription ForRacks(int racks)
    {
        var reference = new LoopDescription();
        var scale = racks / (double)reference.RackCount;
        return reference with
        {
            RackCount = racks,
            PumpRatedFlowLitersPerMinute = reference.PumpRatedFlowLitersPerMinute * scale,
            FacilityMaximumFlowLitersPerMinute = reference.FacilityMaximumFlowLitersPerMinute * scale,
            HeatExchangerConductanceWattsPerKelvin = reference.HeatExchangerConductanceWattsPerKelvin * scale,
            SupplyVolumeLiters = reference.SupplyVolumeLiters * scale,
            ReturnVolumeLiters = reference.ReturnVolumeLiters * scale,
            SupplyPipeVolumeLiters = reference.SupplyPipeVolumeLiters * scale,
            ReturnPipeVolumeLiters = reference.ReturnPipeVolumeLiters * scale,
            ReservoirCapacityLiters = reference.ReservoirCapacityLiters * scale,
        };
    }

    /// <summary>Firmware settings for a CDU on <paramref name="loop"/>: the defaults, with a flow transmitter span that covers both pumps at full speed.</summary>
    public static CduSettings SettingsFor(LoopDescription loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var settings = new CduSettings();
        var needed = Math.Ceiling(2 * loop.PumpRatedFlowLitersPerMinute / 100) * 100;
        if (needed > settings.Sensor.FlowSpanLitersPerMinute) settings.Sensor.FlowSpanLitersPerMinute = Math.Min(needed, 20_000);
        return settings;
    }
}
