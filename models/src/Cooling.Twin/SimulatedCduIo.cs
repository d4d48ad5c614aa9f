using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Cooling.Models.Plant;

namespace Cooling.Twin;

/// <summary>
/// The firmware core's I/O bound to a simulated loop: sensors read the plant's state (ideal sensors for now),
/// actuator commands are kept for the plant's next steps.
/// </summary>
public sealed class SimulatedCduIo(SecondaryLoopPlant plant) : ICduIo
{
    /// <summary>Ambient air at the CDU, °C, for the dew-point guard.</summary>
    public double AmbientTemperatureCelsius { get; set; } = 24;

    /// <summary>Ambient relative humidity at the CDU, %.</summary>
    public double RelativeHumidityPercent { get; set; } = 45;

    public double ValveCommandPercent { get; private set; }

    public double PumpSpeedCommandPercent { get; private set; }

    public bool PumpRunCommand { get; private set; }

    public void ReadInputs(CduInputs inputs)
    {
        inputs.SupplyTemperatureCelsius = plant.SupplyCelsius;
        inputs.SupplyTemperatureValid = true;
        inputs.ReturnTemperatureCelsius = plant.ReturnCelsius;
        inputs.ReturnTemperatureValid = true;
        inputs.FacilitySupplyTemperatureCelsius = plant.FacilitySupplyCelsius;
        inputs.FacilitySupplyTemperatureValid = true;
        inputs.FacilityReturnTemperatureCelsius = plant.FacilityReturnCelsius;
        inputs.FacilityReturnTemperatureValid = true;
        inputs.FlowLitersPerMinute = plant.FlowLitersPerMinute;
        inputs.FlowValid = true;
        inputs.DeltaPressureKpa = plant.DeltaPressureKpa;
        inputs.DeltaPressureValid = true;
        inputs.ValvePositionPercent = plant.Valve.PositionPercent;
        inputs.ValvePositionValid = true;
        inputs.AmbientTemperatureCelsius = AmbientTemperatureCelsius;
        inputs.AmbientTemperatureValid = true;
        inputs.RelativeHumidityPercent = RelativeHumidityPercent;
        inputs.RelativeHumidityValid = true;
    }

    public void WriteOutputs(CduOutputs outputs)
    {
        ValveCommandPercent = outputs.ValveCommandPercent;
        PumpSpeedCommandPercent = outputs.PumpSpeedCommandPercent;
        PumpRunCommand = outputs.PumpRunCommand;
    }
}
