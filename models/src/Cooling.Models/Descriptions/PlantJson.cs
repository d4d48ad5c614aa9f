using Cooling.Models.Components;
using Cooling.Models.Plant;

namespace Cooling.Models.Descriptions;

/// <summary>
/// The "loop" object of a plant description: one field per <see cref="LoopDescription"/> property in camelCase,
/// "coolant" by name, "rack" for the <see cref="GpuRackDescription"/> and "facilitySupplyProfile" for the facility
/// water profile. Absent fields take the reference loop's value; present ones are checked against their range.
/// </summary>
internal static class PlantJson
{
    public static LoopDescription ReadLoop(JsonFields f)
    {
        var d = new LoopDescription();
        var coolantName = f.Text("coolant");
        var coolant = d.Coolant;
        if (coolantName is not null)
        {
            coolant = Coolant.Coolant.FromName(coolantName) ?? coolant;
            if (Coolant.Coolant.FromName(coolantName) is null) f.Error("coolant", $"must be one of water, PG25, got \"{coolantName}\"");
        }

        var rated = f.Positive("pumpRatedFlowLitersPerMinute", d.PumpRatedFlowLitersPerMinute);
        var ratedDeltaPressure = f.Positive("ratedDeltaPressureKpa", d.RatedDeltaPressureKpa);
        var shutoff = f.Positive("pumpShutoffHeadKpa", d.PumpShutoffHeadKpa);
        if (f.Has("pumpShutoffHeadKpa") && shutoff <= ratedDeltaPressure)
        {
            f.Error("pumpShutoffHeadKpa", $"must be > ratedDeltaPressureKpa ({JsonFields.Format(ratedDeltaPressure)}) so that a pump reaches its rated point, got {JsonFields.Format(shutoff)}");
        }

        var filter = f.Number("filterCleanDeltaPressureKpa", d.FilterCleanDeltaPressureKpa, 0);
        var branch = f.Positive("rackBranchDeltaPressureKpa", d.RackBranchDeltaPressureKpa);
        if (filter + branch >= ratedDeltaPressure)
        {
            f.Error("rackBranchDeltaPressureKpa", $"with filterCleanDeltaPressureKpa ({JsonFields.Format(filter)}) must stay below ratedDeltaPressureKpa ({JsonFields.Format(ratedDeltaPressure)}), got {JsonFields.Format(branch)}");
        }

        var rackCount = f.Integer("rackCount", d.RackCount, 1, 64);
        var rackFields = f.Object("rack");
        var rack = rackFields is null ? d.Rack : ReadRack(rackFields);
        var profileFields = f.Object("facilitySupplyProfile");
        var profile = profileFields is null ? null : ReadProfile(profileFields);
        var loop = new LoopDescription
        {
            Coolant = coolant,
            RackCount = rackCount,
            Rack = rack,
            PumpRatedFlowLitersPerMinute = rated,
            RatedDeltaPressureKpa = ratedDeltaPressure,
            PumpCount = f.Integer("pumpCount", d.PumpCount, 1, 4),
            PumpShutoffHeadKpa = shutoff,
            PumpEfficiencyPercent = f.Number("pumpEfficiencyPercent", d.PumpEfficiencyPercent, 0, 100, exclusiveMinimum: true),
            PumpAccelerationPercentPerSecond = f.Positive("pumpAccelerationPercentPerSecond", d.PumpAccelerationPercentPerSecond),
            PumpCoastDownSeconds = f.Positive("pumpCoastDownSeconds", d.PumpCoastDownSeconds),
            FilterCleanDeltaPressureKpa = filter,
            RackBranchDeltaPressureKpa = branch,
            ValveStrokeTimeSeconds = f.Positive("valveStrokeTimeSeconds", d.ValveStrokeTimeSeconds),
            ValveRangeability = f.Number("valveRangeability", d.ValveRangeability, 1, 1000, exclusiveMinimum: true),
            FacilityMaximumFlowLitersPerMinute = f.Positive("facilityMaximumFlowLitersPerMinute", d.FacilityMaximumFlowLitersPerMinute),
            FacilitySupplyCelsius = f.Number("facilitySupplyCelsius", d.FacilitySupplyCelsius, 2, 60),
            FacilitySupplyProfile = profile,
            HeatExchangerConductanceWattsPerKelvin = f.Positive("heatExchangerConductanceWattsPerKelvin", d.HeatExchangerConductanceWattsPerKelvin),
            SupplyVolumeLiters = f.Positive("supplyVolumeLiters", d.SupplyVolumeLiters),
            SupplyPipeVolumeLiters = f.Positive("supplyPipeVolumeLiters", d.SupplyPipeVolumeLiters),
            ReturnPipeVolumeLiters = f.Positive("returnPipeVolumeLiters", d.ReturnPipeVolumeLiters),
            ReturnVolumeLiters = f.Positive("returnVolumeLiters", d.ReturnVolumeLiters),
            ReservoirCapacityLiters = f.Positive("reservoirCapacityLiters", d.ReservoirCapacityLiters),
            ReservoirInitialLevelPercent = f.Number("reservoirInitialLevelPercent", d.ReservoirInitialLevelPercent, 0, 100),
            InitialCelsius = f.Number("initialCelsius", d.InitialCelsius, coolant.MinimumCelsius, coolant.MaximumCelsius),
            AmbientCelsius = f.Number("ambientCelsius", d.AmbientCelsius, -20, 60),
            AmbientRelativeHumidityPercent = f.Number("ambientRelativeHumidityPercent", d.AmbientRelativeHumidityPercent, 0, 100),
        };
        f.RejectUnknown();
        return loop;
    }

    private static GpuRackDescription ReadRack(JsonFields f)
    {
        var d = new GpuRackDescription();
        var idle = f.Number("idlePowerWatts", d.IdlePowerWatts, 0);
        var maximum = f.Positive("maximumPowerWatts", d.MaximumPowerWatts);
        if (maximum <= idle) f.Error("maximumPowerWatts", $"must be > idlePowerWatts ({JsonFields.Format(idle)}), got {JsonFields.Format(maximum)}");
        var rack = new GpuRackDescription(
            GpuCount: f.Integer("gpuCount", d.GpuCount, 1, 144),
            IdlePowerWatts: idle,
            MaximumPowerWatts: maximum,
            OtherLoadFraction: f.Number("otherLoadPercent", d.OtherLoadFraction * 100, 0, 100) / 100,
            ColdPlateTimeConstantSeconds: f.Positive("coldPlateTimeConstantSeconds", d.ColdPlateTimeConstantSeconds),
            SlowdownCelsius: f.Number("slowdownCelsius", d.SlowdownCelsius, 40, 120))
        {
            PlateFlowSpreadFraction = f.Number("plateFlowSpreadPercent", d.PlateFlowSpreadFraction * 100, 0, 50) / 100,
        };
        f.RejectUnknown();
        return rack;
    }

    private static FacilityWaterProfile? ReadProfile(JsonFields f)
    {
        var kind = f.Text("kind", required: true);
        FacilityWaterProfile? profile = kind switch
        {
            null => null,
            "constant" => null,
            "ramp" => new FacilityWaterRamp(
                TimeSpan.FromSeconds(f.Number("startSeconds", 0, 0)),
                TimeSpan.FromSeconds(f.Positive("durationSeconds", 600, required: true)),
                f.Number("toCelsius", 30, 2, 60, required: true)),
            "daily" => new FacilityWaterDaily(
                f.Number("amplitudeKelvin", 2, 0, 20, required: true),
                f.Number("peakHour", 15, 0, 24),
                f.Number("startHour", 0, 0, 24)),
            _ => Unknown(f, kind),
        };
        f.RejectUnknown();
        return profile;
    }

    private static FacilityWaterProfile? Unknown(JsonFields f, string kind)
    {
        f.Error("kind", $"must be one of constant, ramp, daily, got \"{kind}\"");
        return null;
    }
}
