namespace Cdu.Firmware.Device
{
    /// <summary>
    /// What one CDU controller needs to find its network and broker. Edit before building the unit's image (see
    /// README.md). Wi-Fi: leave <see cref="WifiSsid"/> empty to use the credentials stored on the device (Visual Studio →
    /// Device Explorer → Network configuration), which keeps them out of the source. The firmware parameters
    /// (setpoints, limits, pump count, …) are not here: they live in I:\cdu\config.json and come over MQTT
    /// (…/config/set), as on the virtual CDU.
    /// </summary>
    public static class SiteConfiguration
    {
        /// <summary>Site id: 1–32 characters of a-z, 0-9, - or _.</summary>
        public const string SiteId = "hall1";

        /// <summary>CDU id: 1–32 characters of a-z, 0-9, - or _ (also the MQTT client id cdu-{site}-{cdu}).</summary>
        public const string CduId = "cdu1";

        public const string BrokerHost = "192.168.1.10";
        public const int BrokerPort = 1883;

        /// <summary>True for mqtts (TLS 1.2; put the broker's CA certificate in <see cref="BrokerCaCertificatePem"/>).</summary>
        public const bool BrokerTls = false;

        /// <summary>PEM text of the CA that signed the broker's certificate, or null.</summary>
        public const string BrokerCaCertificatePem = null;

        /// <summary>Broker credentials, or null for an anonymous broker.</summary>
        public const string BrokerUserName = null;
        public const string BrokerPassword = null;

        /// <summary>True: wired Ethernet (boards with an RMII PHY, e.g. Olimex ESP32-POE — needs its own pin map); false: Wi-Fi.</summary>
        public const bool UseEthernet = false;

        /// <summary>Wi-Fi network, or empty to use the credentials stored on the device.</summary>
        public const string WifiSsid = "";
        public const string WifiPassword = "";

        /// <summary>After this long with no completed control cycle (the watchdog holds safe outputs meanwhile) the board reboots, s.</summary>
        public const int RebootAfterHungSeconds = 30;
    }
}
