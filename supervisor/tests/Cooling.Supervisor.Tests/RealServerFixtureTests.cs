using System.Net;
using System.Text;
using Cooling.Testing;

namespace Cooling.Supervisor.Tests;

/// <summary>The shared real-server fixtures: each starts on loopback, survives a stop and restart, and leaves nothing behind.</summary>
public sealed class RealServerFixtureTests
{
    [Fact]
    public async Task InfluxDB_answers_on_loopback_keeps_its_data_over_a_restart_on_the_same_port_and_its_folder_is_deleted()
    {
        var influx = await InfluxDbServer.StartAsync();
        string folder;
        await using (influx)
        {
            folder = influx.Folder;
            Assert.Equal("127.0.0.1", influx.Url.Host);
            Assert.NotEqual(influx.HttpPort, influx.RpcPort);
            await influx.ExecuteAsync("CREATE DATABASE fixture");
            using var http = new HttpClient { BaseAddress = influx.Url };
            using (var body = new StringContent("probe,cdu=cdu1 value=1.5 1700000000000\nprobe,cdu=cdu1 value=2.5 1700000001000", Encoding.UTF8))
            using (var written = await http.PostAsync("write?db=fixture&precision=ms", body))
            {
                Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
            }

            await influx.StopAsync();
            Assert.False(influx.IsRunning);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("ping"));

            await influx.RestartAsync();
            Assert.True(influx.IsRunning);
            var series = Assert.Single(await influx.QueryAsync("fixture", "SELECT value FROM probe"));
            Assert.Equal([1.5, 2.5], series.Column("value").Select(v => v.GetDouble()));
            Assert.Equal(1700000001000, series.Column("time")[1].GetInt64());
            Assert.Contains("fixture", await influx.DatabasesAsync());
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => influx.QueryAsync("fixture", "SELEKT nonsense"));
            Assert.Contains("SELEKT", refused.Message);
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Mosquitto_stops_and_restarts_on_the_same_port()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        Assert.StartsWith("mqtt://127.0.0.1:", mosquitto.Url);
        await mosquitto.StopAsync();
        Assert.False(mosquitto.IsRunning);
        using (var refused = new System.Net.Sockets.TcpClient())
        {
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, mosquitto.Port));
        }

        await mosquitto.RestartAsync();
        using var accepted = new System.Net.Sockets.TcpClient();
        await accepted.ConnectAsync(IPAddress.Loopback, mosquitto.Port);
        Assert.True(accepted.Connected);
    }

    [Fact]
    public void Chromium_is_found_where_Debian_installs_it()
    {
        Assert.Equal(ChromiumBrowser.DebianPath, ChromiumBrowser.ExecutablePath);
        Assert.Contains("--no-sandbox", ChromiumBrowser.Arguments);
    }
}
