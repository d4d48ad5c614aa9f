using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Cooling.Mqtt.Connection;

/// <summary>The TLS settings of a connection from its <see cref="BrokerConnectionOptions"/>: trust chain, client certificate, untrusted brokers.</summary>
internal static class MqttTls
{
    public static MqttClientTlsOptions For(BrokerConnectionOptions broker)
    {
        var tls = new MqttClientTlsOptionsBuilder().UseTls();
        if (broker.CaCertificatePath is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(broker.CaCertificatePath);
            if (authorities.Count == 0)
            {
                throw new ArgumentException($"CaCertificatePath '{broker.CaCertificatePath}' holds no PEM certificate.");
            }

            tls.WithTrustChain(authorities);
        }

        if (broker.ClientCertificatePath is not null && broker.ClientKeyPath is not null)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPemFile(broker.ClientCertificatePath, broker.ClientKeyPath);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new ArgumentException($"ClientCertificatePath '{broker.ClientCertificatePath}' with ClientKeyPath '{broker.ClientKeyPath}' is no usable certificate and key: {ex.Message}", ex);
            }

            tls.WithClientCertificates(new X509Certificate2Collection(certificate));
        }

        if (broker.AllowUntrustedCertificates)
        {
            tls.WithAllowUntrustedCertificates().WithIgnoreCertificateChainErrors().WithIgnoreCertificateRevocationErrors()
                .WithCertificateValidationHandler(_ => true);
        }

        return tls.Build();
    }
}
