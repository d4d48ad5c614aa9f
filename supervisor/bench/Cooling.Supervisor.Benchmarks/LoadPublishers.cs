using System.Diagnostics;
using System.Net.Sockets;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// The load: several MQTT connections that stream pre-encoded PUBLISH packets (QoS 0, MQTT 3.1.1, encoded once by
/// MQTTnet's packet formatter) for their racks, round-robin, up to <see cref="MessagesPerWrite"/> packets per socket
/// write — so that publishing costs the machine almost nothing next to the broker and the consumer. Either as fast
/// as the consumer takes them, never more than <c>window</c> messages ahead of <c>consumed</c> (neither the broker
/// nor the consumer's queue overflows; nothing is lost), or at a fixed rate. Stops after <c>limit</c> messages in
/// all, or when cancelled.
/// </summary>
public sealed class LoadPublishers : IAsyncDisposable
{
    public const int MessagesPerWrite = 8;

    private readonly List<Connection> _connections = [];
    private long _sent;

    private LoadPublishers()
    {
    }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Connects <paramref name="connections"/> publishers sharing <paramref name="racks"/> racks of site "bench".</summary>
    public static async Task<LoadPublishers> StartAsync(string host, int port, int connections, int racks)
    {
        var publishers = new LoadPublishers();
        var formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V311, new MqttBufferWriter(4096, 1 << 20));
        for (var c = 0; c < connections; c++)
        {
            var packets = Enumerable.Range(0, racks).Where(r => r % connections == c).Select(r => formatter.Encode(new MqttPublishPacket
            {
                Topic = $"cooling/v1/bench/rack/r{r:0000}/telemetry",
                PayloadSegment = RackPayloads.Build(r, 1),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce,
            }).ToArray()).ToList();
            var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(formatter.Encode(new MqttConnectPacket { ClientId = $"bench-publisher-{c}", CleanSession = true, KeepAlivePeriod = 0 }).ToArray());
            var connack = new byte[4];
            await stream.ReadExactlyAsync(connack);
            if (connack[0] != 0x20 || connack[3] != 0)
            {
                throw new InvalidOperationException($"The broker refused publisher {c}: CONNACK return code {connack[3]}.");
            }

            publishers._connections.Add(new Connection(tcp, stream, packets));
        }

        return publishers;
    }

    /// <summary>Publishes as fast as <paramref name="consumed"/> follows, at most <paramref name="window"/> messages ahead.</summary>
    public Task RunClosedLoopAsync(Func<long> consumed, int window, long limit, CancellationToken cancellationToken) =>
        Task.WhenAll(_connections.Select(connection => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var room = Math.Min(window - (Sent - consumed()), MessagesPerWrite);
                if (room <= 0)
                {
                    await Task.Delay(1, CancellationToken.None);
                    continue;
                }

                var over = Math.Max(0, Interlocked.Add(ref _sent, room) - limit);
                if (over > 0) Interlocked.Add(ref _sent, -Math.Min(over, room)); // give back what is over the limit
                var count = (int)(room - over);
                if (count <= 0) return;
                await connection.WriteAsync(count);
            }
        }, CancellationToken.None)));

    /// <summary>Publishes <paramref name="messagesPerSecond"/> in all, evenly, until cancelled.</summary>
    public Task RunPacedAsync(double messagesPerSecond, CancellationToken cancellationToken) =>
        Task.WhenAll(_connections.Select(connection => Task.Run(async () =>
        {
            var rate = messagesPerSecond / _connections.Count;
            var clock = Stopwatch.StartNew();
            long published = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                while (published < due)
                {
                    var count = (int)Math.Min(due - published, MessagesPerWrite);
                    await connection.WriteAsync(count);
                    Interlocked.Add(ref _sent, count);
                    published += count;
                }

                await Task.Delay(1, CancellationToken.None);
            }
        }, CancellationToken.None)));

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>One publishing connection: its racks' packets back to back in one buffer, written round-robin.</summary>
    private sealed class Connection : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer;
        private readonly int[] _offsets; // start of each packet, and the end of the last
        private int _next;

        public Connection(TcpClient tcp, NetworkStream stream, List<byte[]> packets)
        {
            _tcp = tcp;
            _stream = stream;
            _buffer = new byte[packets.Sum(p => p.Length)];
            _offsets = new int[packets.Count + 1];
            for (var i = 0; i < packets.Count; i++)
            {
                packets[i].CopyTo(_buffer, _offsets[i]);
                _offsets[i + 1] = _offsets[i] + packets[i].Length;
            }
        }

        /// <summary>Writes the next <paramref name="count"/> packets (fewer when the round wraps; the rest follow).</summary>
        public async Task WriteAsync(int count)
        {
            while (count > 0)
            {
                var end = Math.Min(_next + count, _offsets.Length - 1);
                await _stream.WriteAsync(_buffer.AsMemory(_offsets[_next], _offsets[end] - _offsets[_next]));
                count -= end - _next;
                _next = end == _offsets.Length - 1 ? 0 : end;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _stream.WriteAsync(new byte[] { 0xE0, 0x00 }); // DISCONNECT
            }
            catch (IOException)
            {
            }

            _tcp.Dispose();
        }
    }
}
