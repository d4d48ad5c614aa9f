using Cooling.Testing;

namespace Cdu.Firmware.Host.Tests.Support;

/// <summary>
/// The virtual CDU started as a technician starts it: <c>dotnet Cdu.Firmware.Host.dll …</c> (the build of this test
/// run, copied beside the tests), with its output captured.
/// </summary>
public static class VirtualCduProcess
{
    public static string HostAssembly => DotnetProcess.BesideTests("Cdu.Firmware.Host.dll");

    public static DotnetProcess Start(params string[] arguments) => DotnetProcess.Start(HostAssembly, arguments);
}
