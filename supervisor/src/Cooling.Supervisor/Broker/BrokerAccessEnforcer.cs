using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// Enforces a <see cref="BrokerAccess"/> on an MQTTnet server: at connection (password or client certificate → identity;
/// empty client ids get one assigned; a client id in use by another identity, or naming another identity, is refused),
/// at every publish (an unauthorized one is dropped, counted and logged; MQTT 5 clients get NotAuthorized) and at every
/// subscription (an unauthorized filter is refused: NotAuthorized, a failure code for MQTT 3.1.1).
/// </summary>
public sealed class BrokerAccessEnforcer
{
    private const string IdentityItem = "cooling.identity";
    private readonly BrokerAccess _access;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _clientOwners = new(StringComparer.Ordinal);
    private long _refusedConnections;
    private long _refusedPublishes;
    private long _refusedSubscriptions;

    public BrokerAccessEnforcer(BrokerAccess access, ILogger logger)
    {
        _access = access;
        _logger = logger;
    }

    /// <summary>Connections refused (unknown identity, wrong password, bad certificate, client id of another identity).</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    /// <summary>Publishes dropped because the identity may not publish on the topic.</summary>
    public long RefusedPublishes => Interlocked.Read(ref _refusedPublishes);

    /// <summary>Subscriptions refused because the identity may not read everything the filter matches.</summary>
    public long RefusedSubscriptions => Interlocked.Read(ref _refusedSubscriptions);

    public void Attach(MqttServer server)
    {
        server.ValidatingConnectionAsync += e => { Validate(e); return Task.CompletedTask; };
        server.InterceptingPublishAsync += e => { InterceptPublish(e); return Task.CompletedTask; };
        server.InterceptingSubscriptionAsync += e => { InterceptSubscription(e); return Task.CompletedTask; };
        server.ClientDisconnectedAsync += e =>
        {
            if (e.DisconnectType != MqttClientDisconnectType.Takeover) _clientOwners.TryRemove(e.ClientId, out _);
            return Task.CompletedTask;
        };
    }

    /// <summary>Accepts a client certificate (TLS endpoint) only when it chains to one of the site's client CAs.</summary>
    public bool ValidateClientCertificate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || _access.ClientAuthorities is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_access.ClientAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // client authentication
        var valid = chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
        if (!valid) _logger.LogWarning("Broker refused client certificate {Subject}: {Status}", certificate.Subject, string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        return valid;
    }

    private void Validate(ValidatingConnectionEventArgs e)
    {
        var identity = _access.IsAnonymousLab ? null : Authenticate(e);
        var clientId = e.ClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            // Assigned before any refusal too: MQTTnet reports a refused client without an id as "identifier rejected".
            clientId = $"{identity?.Name ?? "client"}-{Guid.NewGuid():N}";
            e.AssignedClientIdentifier = clientId;
            AssignToMqtt311Client(e, clientId);
        }

        if (!_access.IsAnonymousLab && identity is null)
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, $"user '{e.UserName}': unknown identity, wrong password or no valid client certificate");
            return;
        }

        if (identity is not null)
        {
            if (_access.Policy!.Find(clientId) is { } named && named.Name != identity.Name)
            {
                Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, $"identity '{identity.Name}' may not use client id '{clientId}' (the name of identity '{named.Name}')");
                return;
            }

            var owner = _clientOwners.GetOrAdd(clientId, identity.Name);
            if (owner != identity.Name)
            {
                Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, $"identity '{identity.Name}' may not take over client id '{clientId}' of identity '{owner}'");
                return;
            }

            e.SessionItems[IdentityItem] = identity;
        }

        e.ReasonCode = MqttConnectReasonCode.Success;
    }

    /// <summary>
    /// MQTTnet 5 passes <see cref="ValidatingConnectionEventArgs.AssignedClientIdentifier"/> on to MQTT 5 clients only and
    /// refuses an MQTT 3.1.1 client with an empty id (mosquitto_pub/sub's default), which MQTT 3.1.1 §3.1.3.1 lets the
    /// server accept by assigning one: the assigned id is written into the client's CONNECT packet.
    /// </summary>
    private static void AssignToMqtt311Client(ValidatingConnectionEventArgs e, string clientId)
    {
        const System.Reflection.BindingFlags instance = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
        var field = typeof(ValidatingConnectionEventArgs).GetFields(instance).FirstOrDefault(f => f.FieldType == typeof(MQTTnet.Packets.MqttConnectPacket));
        if (field?.GetValue(e) is MQTTnet.Packets.MqttConnectPacket packet) packet.ClientId = clientId;
    }

    private BrokerIdentity? Authenticate(ValidatingConnectionEventArgs e)
    {
        var policy = _access.Policy!;
        if (e.ClientCertificate is { } certificate && _access.ClientAuthorities is not null)
        {
            // The TLS endpoint accepted the certificate only if it chains to a client CA (ValidateClientCertificate).
            var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            var byCertificate = policy.Find(name);
            if (byCertificate is not null && (string.IsNullOrEmpty(e.UserName) || e.UserName == name)) return byCertificate;
        }

        if (_access.Passwords is null || string.IsNullOrEmpty(e.UserName)) return null;
        var password = e.RawPassword ?? [];
        return _access.Passwords.Verify(e.UserName, password) ? policy.Find(e.UserName) : null;
    }

    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string why)
    {
        Interlocked.Increment(ref _refusedConnections);
        e.ReasonCode = code;
        _logger.LogWarning("Broker refused connection of client '{ClientId}': {Reason}", e.ClientId, why);
    }

    private void InterceptPublish(InterceptingPublishEventArgs e)
    {
        if (_access.IsAnonymousLab) return;
        var identity = e.SessionItems[IdentityItem] as BrokerIdentity;
        var topic = e.ApplicationMessage.Topic;
        if (identity is not null && BrokerAccessPolicy.MayPublish(identity, topic)) return;
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        Interlocked.Increment(ref _refusedPublishes);
        _logger.LogWarning("Broker dropped a publish by identity '{Identity}' (client '{ClientId}') on {Topic}: not authorized", identity?.Name ?? "(none)", e.ClientId, topic);
    }

    private void InterceptSubscription(InterceptingSubscriptionEventArgs e)
    {
        if (_access.IsAnonymousLab) return;
        var identity = e.SessionItems[IdentityItem] as BrokerIdentity;
        var filter = e.TopicFilter.Topic;
        if (identity is not null && BrokerAccessPolicy.MaySubscribe(identity, filter)) return;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        Interlocked.Increment(ref _refusedSubscriptions);
        _logger.LogWarning("Broker refused a subscription by identity '{Identity}' (client '{ClientId}') to {Filter}: not authorized", identity?.Name ?? "(none)", e.ClientId, filter);
    }
}
