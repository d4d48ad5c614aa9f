using Cdu.Firmware.Mqtt;
using Cooling.Mqtt.Connection;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;

namespace Cooling.Twin;

/// <summary>One CDU loop of the hall on a broker: the twin's loop (plant, simulated I/O, core) and the virtual CDU that connects its core.</summary>
public sealed class SimulatedLoop(TwinLoop loop, VirtualCdu cdu)
{
    public TwinLoop Loop { get; } = loop;

    public string CduId => Loop.CduId;

    public SecondaryLoopPlant Plant => Loop.Plant;

    public SimulatedCduIo Io => Loop.Io;

    public VirtualCdu Cdu { get; } = cdu;

    public long RackSequence { get; set; }
}
