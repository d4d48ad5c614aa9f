using System.Net.Sockets;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// The leanest possible subscriber, to see the broker's own ceiling: a raw MQTT 3.1.1 connection (CONNECT and
/// SUBSCRIBE encoded by MQTTnet's formatter) that reads the socket in large blocks and only walks the packet
/// framing, counting PUBLISH packets. Parses no payload.
/// </summary>
public sealed class RawCountingSubscriber : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Task _reading;
    private long _received;

    private RawCountingSubscriber(TcpClient tcp, NetworkStream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _reading = Task.Run(ReadAsync);
    }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<RawCountingSubscriber> StartAsync(string host, int port, string topicFilter)
    {
        var formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V311, new MqttBufferWriter(4096, 65536));
        var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(formatter.Encode(new MqttConnectPacket { ClientId = "bench-raw-subscriber", CleanSession = true, KeepAlivePeriod = 0 }).ToArray());
        var connack = new byte[4];
        await stream.ReadExactlyAsync(connack);
        var subscribe = new MqttSubscribePacket { PacketIdentifier = 1 };
        subscribe.TopicFilters.Add(new MqttTopicFilter { Topic = topicFilter, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce });
        await stream.WriteAsync(formatter.Encode(subscribe).ToArray());
        var suback = new byte[5];
        await stream.ReadExactlyAsync(suback);
        return new RawCountingSubscriber(tcp, stream);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 18];
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                var read = await _stream.ReadAsync(buffer.AsMemory(end));
                if (read == 0) return;
                end += read;
                while (TryFrame(buffer.AsSpan(start, end - start), out var length, out var type))
                {
                    if (type == 3) Interlocked.Increment(ref _received);
                    start += length;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    // One whole packet at the start of the span: its total length and type.
    private static bool TryFrame(ReadOnlySpan<byte> data, out int length, out int type)
    {
        length = 0;
        type = 0;
        if (data.Length < 2) return false;
        var remaining = 0;
        var shift = 0;
        var i = 1;
        while (true)
        {
            if (i >= data.Length) return false;
            var b = data[i++];
            remaining |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
        }

        length = i + remaining;
        type = data[0] >> 4;
        return data.Length >= length;
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        await _reading;
    }
}
