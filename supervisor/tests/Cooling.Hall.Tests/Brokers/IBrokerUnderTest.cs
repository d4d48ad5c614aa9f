namespace Cooling.Hall.Tests.Brokers;

/// <summary>A broker a test runs against, on 127.0.0.1 and a free port; disposing stops it.</summary>
public interface IBrokerUnderTest : IAsyncDisposable
{
    string Name { get; }

    string Url { get; }

    int Port { get; }

    /// <summary>Starts a mosquitto; the embedded broker ("embedded") is started by the hall itself, with the hall's identities.</summary>
    static async Task<IBrokerUnderTest> StartAsync(string kind) => kind switch
    {
        "mosquitto" => await MosquittoBrokerUnderTest.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use \"mosquitto\"; the hall starts its own embedded broker."),
    };
}
