namespace Cooling.Hall.Tests.Brokers;

/// <summary>A broker a test runs against, on 127.0.0.1 and a free port; disposing stops it.</summary>
public interface IBrokerUnderTest : IAsyncDisposable
{
    string Name { get; }

    string Url { get; }

    int Port { get; }

    static async Task<IBrokerUnderTest> StartAsync(string kind) => kind switch
    {
        "embedded" => await EmbeddedBrokerUnderTest.StartAsync(),
        "mosquitto" => await MosquittoBrokerUnderTest.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use \"embedded\" or \"mosquitto\"."),
    };
}
