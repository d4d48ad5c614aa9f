using System.Reflection;

[assembly: AssemblyTitle("Cdu.Firmware.Device")]
[assembly: AssemblyDescription("CDU controller firmware for ESP32 (.NET nanoFramework)")]
[assembly: AssemblyProduct("Cooling")]
[assembly: AssemblyVersion("0.2.0.0")]
[assembly: AssemblyFileVersion("0.2.0.0")]
