using Cooling.Supervisor.Broker;

namespace Cooling.Hall.Tests.Brokers;

/// <summary>
/// The product's embedded MQTTnet broker as the one-command hall runs it: started by <see cref="RunningHall"/>, which
/// lets in only the hall's identities (<see cref="HallCredentials"/>) and stops it with the hall.
/// </summary>
public sealed class EmbeddedBrokerUnderTest(EmbeddedBroker broker) : IBrokerUnderTest
{
    public string Name => "embedded";

    public string Url => broker.Url;

    public int Port => broker.Port;

    /// <summary>The hall owns the broker and stops it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
