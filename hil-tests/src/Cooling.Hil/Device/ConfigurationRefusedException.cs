namespace Cooling.Hil.Device;

/// <summary>The CDU refused the scenario's configuration update (config/ack rejected); the message carries its reason. The scenario fails.</summary>
public sealed class ConfigurationRefusedException(string message) : Exception(message);
