using System.Security.Cryptography.X509Certificates;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// Who the embedded broker lets in and what it lets them do: <see cref="Enforced"/> (the site's identities, their
/// passwords and/or the CA of their client certificates, the <see cref="BrokerAccessPolicy"/>) or
/// <see cref="AnonymousLab"/> (anyone, anything: a lab bench with clients that carry no identity; logged as a warning).
/// </summary>
public sealed class BrokerAccess
{
    private BrokerAccess(BrokerAccessPolicy? policy, MosquittoPasswordFile? passwords, X509Certificate2Collection? clientAuthorities)
    {
        Policy = policy;
        Passwords = passwords;
        ClientAuthorities = clientAuthorities;
    }

    /// <summary>Anonymous clients, no topic rules. For a lab only; never a site.</summary>
    public static BrokerAccess AnonymousLab { get; } = new(null, null, null);

    /// <summary>True for <see cref="AnonymousLab"/>.</summary>
    public bool IsAnonymousLab => Policy is null;

    public BrokerAccessPolicy? Policy { get; }

    /// <summary>Password hashes by identity name; null: no password logins.</summary>
    public MosquittoPasswordFile? Passwords { get; }

    /// <summary>CA certificates that sign the identities' client certificates (common name = identity name); null: none accepted.</summary>
    public X509Certificate2Collection? ClientAuthorities { get; }

    /// <summary>The site's identities, with passwords and/or client certificates signed by <paramref name="clientAuthorities"/>.</summary>
    public static BrokerAccess Enforced(BrokerAccessPolicy policy, MosquittoPasswordFile? passwords, X509Certificate2Collection? clientAuthorities = null)
    {
        if (passwords is null && clientAuthorities is null) throw new ArgumentException("an enforced broker needs a password file, a client CA, or both");
        return new BrokerAccess(policy, passwords, clientAuthorities);
    }

    /// <summary>Reads the site identity file, the mosquitto password file and the client CA (PEM), each optional but the first.</summary>
    public static BrokerAccess Load(string identityFile, string? passwordFile, string? clientCaFile)
    {
        X509Certificate2Collection? authorities = null;
        if (clientCaFile is not null)
        {
            authorities = [];
            authorities.ImportFromPemFile(clientCaFile);
            if (authorities.Count == 0) throw new ArgumentException($"{clientCaFile}: holds no PEM certificate");
        }

        return Enforced(SiteInventory.Load(identityFile), passwordFile is null ? null : MosquittoPasswordFile.Load(passwordFile), authorities);
    }
}

/// <summary>The TLS endpoint of the embedded broker: its port, its server certificate and key (PEM), and whether clients must show a certificate.</summary>
public sealed record EmbeddedBrokerTls(int Port, string CertificatePemPath, string KeyPemPath, bool RequireClientCertificate = false);
