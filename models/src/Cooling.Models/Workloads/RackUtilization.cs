namespace Cooling.Models;

/// <summary>GPU utilization (0 … 1) of rack <paramref name="rackIndex"/> of loop <paramref name="loopIndex"/> at a plant time.</summary>
public delegate double RackUtilization(TimeSpan plantTime, int loopIndex, int rackIndex);
