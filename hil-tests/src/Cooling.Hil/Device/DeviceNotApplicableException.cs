namespace Cooling.Hil.Device;

/// <summary>What the attached CDU showed makes the scenario not applicable on it (e.g. a lease it keeps until restarted); the message is the reason.</summary>
public sealed class DeviceNotApplicableException(string reason) : Exception(reason);
