using Cooling.Testing;

namespace Cooling.Hall.Tests.Brokers;

/// <summary>A real mosquitto (the shared fixture of Cooling.Testing) as a broker under test.</summary>
public sealed class MosquittoBrokerUnderTest(MosquittoBroker mosquitto) : IBrokerUnderTest
{
    public string Name => "mosquitto";

    public string Url => Mosquitto.Url;

    public int Port => Mosquitto.Port;

    /// <summary>The broker itself, for tests that stop and restart it.</summary>
    public MosquittoBroker Mosquitto { get; } = mosquitto;

    public static async Task<IBrokerUnderTest> StartAsync() => new MosquittoBrokerUnderTest(await MosquittoBroker.StartAsync());

    public ValueTask DisposeAsync() => Mosquitto.DisposeAsync();
}
