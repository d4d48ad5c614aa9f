using Cdu.Firmware.Host;
using Cooling.Models.Plant;

namespace Cooling.Twin;

/// <summary>One CDU loop of the hall: its plant, its simulated I/O and the real firmware core running on it.</summary>
public sealed class SimulatedLoop(string cduId, SecondaryLoopPlant plant, SimulatedCduIo io, VirtualCdu cdu)
{
    public string CduId { get; } = cduId;

    public SecondaryLoopPlant Plant { get; } = plant;

    public SimulatedCduIo Io { get; } = io;

    public VirtualCdu Cdu { get; } = cdu;

    public long RackSequence { get; set; }
}
