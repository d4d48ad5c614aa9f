using System;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using Cdu.Firmware.Messages;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.Networking;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The device's link to the broker (nanoFramework.M2Mqtt), on threads of its own so that the control cycle never
    /// waits on the network:
    /// - the connection thread brings the network up (Wi-Fi or Ethernet), connects with a clean session and the retained
    ///   last will <c>{"v":1,"online":false}</c> (QoS 1) on …/state, subscribes to the core's four inbound topics (and
    ///   …/hil/sensors in HIL mode), and reconnects with backoff (0.5 s doubling to 10 s) whenever the link drops;
    /// - the publisher thread sends what <see cref="DeviceBus"/> queued, in order.
    /// Inbound messages go to the core's inbox (or to the HIL I/O). After every (re)connection <see cref="BirthPending"/>
    /// is set: the cycle thread publishes the birth (the core's composer belongs to that thread).
    /// </summary>
    public sealed class MqttLink
    {
        private readonly CduController _controller;
        private readonly CduTopics _topics;
        private readonly DeviceBus _bus;
        private readonly HilMqttIo _hil;
        private readonly string _will;
        private readonly string _clientId;
        private MqttClient _client;
        private int _birthPending;
        private bool _networkUp;

        public MqttLink(CduController controller, CduTopics topics, DeviceBus bus, HilMqttIo hil)
        {
            _controller = controller;
            _topics = topics;
            _bus = bus;
            _hil = hil;
            JsonMessageWriter will = CduController.ComposeLastWill(new CduMessageComposer(128));
            _will = Encoding.UTF8.GetString(will.Buffer, 0, will.Length);
            _clientId = "cdu-" + SiteConfiguration.SiteId + "-" + SiteConfiguration.CduId;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <summary>True once after each (re)connection: the cycle thread publishes the birth and clears it.</summary>
        public bool TakeBirthPending()
        {
            return Interlocked.Exchange(ref _birthPending, 0) == 1;
        }

        public void Start()
        {
            Thread connection = new Thread(KeepConnected);
            connection.Start();
            Thread publisher = new Thread(PublishQueued);
            publisher.Start();
        }

        private void KeepConnected()
        {
            int delay = 500;
            while (true)
            {
                try
                {
                    if (!_networkUp)
                    {
                        _networkUp = ConnectNetwork();
                    }

                    if (_networkUp && !IsConnected)
                    {
                        Connect();
                        delay = 500;
                    }

                    Thread.Sleep(200);
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("MQTT: broker unreachable (" + ex.Message + "); retrying in " + delay.ToString() + " ms");
                    Thread.Sleep(delay);
                    delay = delay * 2 > 10000 ? 10000 : delay * 2;
                }
            }
        }

        private static bool ConnectNetwork()
        {
            CancellationTokenSource timeout = new CancellationTokenSource(30000);
            bool up;
            if (SiteConfiguration.UseEthernet)
            {
                up = NetworkHelper.SetupAndConnectNetwork(timeout.Token, false);
            }
            else if (SiteConfiguration.WifiSsid.Length > 0)
            {
                up = WifiNetworkHelper.ConnectDhcp(SiteConfiguration.WifiSsid, SiteConfiguration.WifiPassword, requiresDateTime: false, token: timeout.Token);
            }
            else
            {
                up = WifiNetworkHelper.Reconnect(requiresDateTime: false, token: timeout.Token);
            }

            if (!up)
            {
                throw new Exception("network not up");
            }

            return true;
        }

        private void Connect()
        {
            MqttClient old = _client;
            if (old != null)
            {
                try
                {
                    old.Close();
                }
                catch (Exception)
                {
                }
            }

            X509Certificate ca = SiteConfiguration.BrokerCaCertificatePem == null ? null : new X509Certificate(SiteConfiguration.BrokerCaCertificatePem);
            MqttClient client = new MqttClient(SiteConfiguration.BrokerHost, SiteConfiguration.BrokerPort, SiteConfiguration.BrokerTls, ca, (X509Certificate)null,
                SiteConfiguration.BrokerTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            client.MqttMsgPublishReceived += OnMessage;
            MqttReasonCode result = client.Connect(_clientId, SiteConfiguration.BrokerUserName, SiteConfiguration.BrokerPassword,
                true, MqttQoSLevel.AtLeastOnce, true, _topics.State, _will, true, 15);
            if (result != MqttReasonCode.Success)
            {
                throw new Exception("connect refused: " + result.ToString());
            }

            string[] topics = _hil == null
                ? new[] { _topics.SetpointRequest, _topics.Command, _topics.ConfigurationSet, _topics.ConfigurationGet }
                : new[] { _topics.SetpointRequest, _topics.Command, _topics.ConfigurationSet, _topics.ConfigurationGet, _hil.SensorTopic };
            MqttQoSLevel[] levels = new MqttQoSLevel[topics.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = MqttQoSLevel.AtLeastOnce;
            }

            client.Subscribe(topics, levels);
            _client = client;
            Interlocked.Exchange(ref _birthPending, 1);
            Debug.WriteLine("MQTT: connected to " + SiteConfiguration.BrokerHost + " as " + _clientId);
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            if (_hil != null && e.Topic == _hil.SensorTopic)
            {
                _hil.Accept(e.Message);
                return;
            }

            // A retained copy, a full inbox or an oversize message is counted by the core and reported as MessageRejected.
            _controller.Inbox.TryEnqueue(e.Topic, e.Message, 0, e.Message.Length, e.Retain);
        }

        private void PublishQueued()
        {
            while (true)
            {
                _bus.Available.WaitOne(500, false);
                while (IsConnected)
                {
                    byte[] message;
                    int qualityOfService;
                    bool retain;
                    string topic = _bus.TryTake(out message, out qualityOfService, out retain);
                    if (topic == null)
                    {
                        break;
                    }

                    try
                    {
                        _client.Publish(topic, message, null, null, qualityOfService == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);
                    }
                    catch (Exception ex)
                    {
                        // Lost with the connection; the connection thread reconnects and the core's state is re-announced by the birth.
                        Debug.WriteLine("MQTT: publish failed: " + ex.Message);
                    }
                }
            }
        }
    }
}
