using System.Net;
using System.Net.Sockets;

namespace Cooling.Hil.Rig;

/// <summary>Free TCP ports on 127.0.0.1 for servers started by the rig or by tests.</summary>
public static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago (the OS picks it).</summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
