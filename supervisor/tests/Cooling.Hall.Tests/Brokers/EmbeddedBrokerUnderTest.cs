using Cooling.Supervisor.Broker;

namespace Cooling.Hall.Tests.Brokers;

/// <summary>The product's embedded MQTTnet broker.</summary>
public sealed class EmbeddedBrokerUnderTest(EmbeddedBroker broker) : IBrokerUnderTest
{
    public string Name => "embedded";

    public string Url => broker.Url;

    public int Port => broker.Port;

    public static async Task<IBrokerUnderTest> StartAsync() => new EmbeddedBrokerUnderTest(await EmbeddedBroker.StartAsync(BrokerAccess.AnonymousLab));

    public ValueTask DisposeAsync() => broker.DisposeAsync();
}
