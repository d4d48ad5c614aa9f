using Cooling.Mqtt.Connection;

namespace Cooling.Mqtt.Tests;

public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.site", "broker.site", 1883, false)]
    [InlineData("mqtts://broker.site", "broker.site", 8883, true)]
    [InlineData("mqtt://127.0.0.1:1884/", "127.0.0.1", 1884, false)]
    [InlineData("mqtts://broker.site:9000", "broker.site", 9000, true)]
    public void Addresses_are_read_with_their_default_ports(string url, string host, int port, bool tls)
    {
        var address = BrokerAddress.Parse(url);
        Assert.Equal((host, port, tls), (address.Host, address.Port, address.UseTls));
    }

    [Fact]
    public void Credentials_in_the_url_are_read_and_never_printed()
    {
        var address = BrokerAddress.Parse("mqtts://cdu%40site:s%3Acret@broker:8884");
        Assert.Equal(("cdu@site", "s:cret"), (address.UserName, address.Password));
        Assert.Equal("mqtts://broker:8884", address.ToString());
        Assert.Equal("mqtt://u:***@b:1", BrokerAddress.Redacted("mqtt://u:secret@b:1"));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1883", "'tcp://127.0.0.1:1883' is not a broker address: write mqtt://host:port or mqtts://host:port.")]
    [InlineData("broker:1883", "'broker:1883' is not a broker address")]
    [InlineData("mqtt://u:secret@b/topic", "'mqtt://u:***@b/topic' is not a broker address: it must not carry a path or query.")]
    public void Other_urls_are_refused_with_the_reason_and_without_the_password(string url, string message)
    {
        var ex = Assert.Throws<FormatException>(() => BrokerAddress.Parse(url));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_give_credentials_over_the_url_and_refuse_tls_settings_without_tls()
    {
        var options = new BrokerConnectionOptions { Url = "mqtt://u:url@b", UserName = "v", Password = "option" };
        Assert.Equal(("v", "option"), (options.Resolve().UserName, options.Resolve().Password));
        Assert.Equal("mqtt://u:***@b", options.ToString());
        Assert.Contains("mqtts:// brokers only", Assert.Throws<ArgumentException>(() => (options with { AllowUntrustedCertificates = true }).Resolve()).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("Broker URL 'http://b' is not usable", Assert.Throws<ArgumentException>(() => new BrokerConnectionOptions { Url = "http://b" }.Resolve()).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_certificate_needs_its_key_and_both_files_must_exist()
    {
        var certificate = Path.GetTempFileName();
        try
        {
            var options = new BrokerConnectionOptions { Url = "mqtts://b", ClientCertificatePath = certificate };
            Assert.Contains("go together", Assert.Throws<ArgumentException>(() => options.Resolve()).Message, StringComparison.Ordinal);
            Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => (options with { ClientKeyPath = certificate + ".none" }).Resolve()).Message,
                StringComparison.Ordinal);
            Assert.True((options with { ClientKeyPath = certificate }).Resolve().UseTls);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public void A_session_without_a_client_id_gets_a_unique_one()
    {
        var first = MqttSessionOptions.UniqueClientId("cooling");
        var second = MqttSessionOptions.UniqueClientId("cooling");
        Assert.NotEqual(first, second);
        Assert.Matches("^cooling-[0-9a-f]{12}$", first);
    }
}
