using System.Text;
using System.Text.Json;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Tests.Support;

/// <summary>A clock the test advances by hand.</summary>
public sealed class ManualClock : IClock
{
    public long Milliseconds { get; set; }

    public long GetUptimeMilliseconds() => Milliseconds;

    public void Advance(long milliseconds) => Milliseconds += milliseconds;
}

/// <summary>Records every publication of the core.</summary>
public sealed class RecordingBus : IMessageBus
{
    public List<(string Topic, string Payload, int Qos, bool Retain)> Messages { get; } = [];

    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) =>
        Messages.Add((topic, Encoding.UTF8.GetString(payload, 0, length), qualityOfService, retain));

    public IEnumerable<JsonElement> On(string topic) =>
        Messages.Where(m => m.Topic == topic).Select(m => JsonDocument.Parse(m.Payload).RootElement);
}

/// <summary>Sensors set by the test; actuator commands recorded per cycle.</summary>
public sealed class ScriptedIo : ICduIo
{
    public double SupplyTemperatureCelsius { get; set; } = 30;

    public bool SupplyValid { get; set; } = true;

    public double AmbientTemperatureCelsius { get; set; } = 24;

    public double RelativeHumidityPercent { get; set; } = 45;

    public List<double> ValveCommands { get; } = [];

    public void ReadInputs(CduInputs inputs)
    {
        inputs.SupplyTemperatureCelsius = SupplyTemperatureCelsius;
        inputs.SupplyTemperatureValid = SupplyValid;
        inputs.ReturnTemperatureCelsius = SupplyTemperatureCelsius + 10;
        inputs.ReturnTemperatureValid = true;
        inputs.FlowLitersPerMinute = 700;
        inputs.FlowValid = true;
        inputs.DeltaPressureKpa = 120;
        inputs.DeltaPressureValid = true;
        inputs.AmbientTemperatureCelsius = AmbientTemperatureCelsius;
        inputs.AmbientTemperatureValid = true;
        inputs.RelativeHumidityPercent = RelativeHumidityPercent;
        inputs.RelativeHumidityValid = true;
    }

    public void WriteOutputs(CduOutputs outputs) => ValveCommands.Add(outputs.ValveCommandPercent);
}
