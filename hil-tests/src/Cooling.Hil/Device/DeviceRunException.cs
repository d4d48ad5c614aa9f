namespace Cooling.Hil.Device;

/// <summary>The running CDU could not be attached or stopped answering: the broker refused, the CDU stayed silent, refused a command or did not reach the scenario's starting mode.</summary>
public sealed class DeviceRunException(string message) : Exception(message);
