using System.IO.Compression;
using System.Net;
using System.Text;
using Cooling.Supervisor.Storage.Influx;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>The InfluxDB writer against a real influxd 1.x on loopback, on simulated time.</summary>
public sealed class InfluxDbWriterTests
{
    private const long T0 = 1_795_000_000_000; // Unix ms, inside InfluxDB's default (infinite) retention

    private static InfluxPoint Point(string measurement, long time, double value, string cdu = "cdu1") =>
        new InfluxPoint(measurement, time).Tag("cdu", cdu).Field("v", value);

    [Fact]
    public async Task Points_land_gzip_compressed_in_a_database_the_writer_creates_and_names_survive_the_round_trip()
    {
        await using var rig = await InfluxWriterRig.StartAsync();
        Assert.DoesNotContain(InfluxWriterRig.Database, await rig.Influx.DatabasesAsync());
        for (var i = 0; i < 250; i++)
        {
            rig.Writer.TryAdd(Point("rack_telemetry", T0 + i * 1000, 20 + i * 0.01));
        }

        rig.Writer.TryAdd(new InfluxPoint("odd name,here", T0).Tag("tag key", "a,b=c d").Tag("path", @"C:\dir\file")
            .Field("field=key", @"say ""hi"" \ bye").Field("count", 3L).Field("ok", false));
        Assert.True(await rig.Writer.FlushAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains(InfluxWriterRig.Database, await rig.Influx.DatabasesAsync());
        Assert.Equal(250, await rig.CountAsync("rack_telemetry"));
        var values = (await rig.Influx.QueryAsync(InfluxWriterRig.Database, "SELECT v FROM rack_telemetry WHERE cdu = 'cdu1'"))[0];
        Assert.Equal(20.0, values.Column("v")[0].GetDouble());
        Assert.Equal(T0 + 249_000, values.Column("time")[249].GetInt64());
        var odd = Assert.Single(await rig.Influx.QueryAsync(InfluxWriterRig.Database, "SELECT * FROM \"odd name,here\""));
        Assert.Equal("a,b=c d", odd.Column("tag key")[0].GetString());
        Assert.Equal(@"C:\dir\file", odd.Column("path")[0].GetString());
        Assert.Equal(@"say ""hi"" \ bye", odd.Column("field=key")[0].GetString());
        Assert.Equal(3, odd.Column("count")[0].GetInt64());
        Assert.False(odd.Column("ok")[0].GetBoolean());
        Assert.Equal(251, rig.Writer.Written);

        // On the wire: gzip bodies (magic 1f 8b) that inflate to the line protocol, smaller than the text.
        var writes = rig.Tap.Writes.ToList();
        Assert.True(writes.Count >= 3, $"{writes.Count} writes for 251 points in batches of 100");
        Assert.All(writes, w => Assert.Equal(["gzip"], w.ContentEncoding));
        Assert.All(writes, w => Assert.Equal(new byte[] { 0x1f, 0x8b }, w.Body[..2]));
        Assert.All(writes, w => Assert.Contains("precision=ms", w.Path));
        using var inflated = new StreamReader(new GZipStream(new MemoryStream(writes[0].Body), CompressionMode.Decompress), Encoding.UTF8);
        Assert.StartsWith($"rack_telemetry,cdu=cdu1 v=20 {T0}\n", await inflated.ReadToEndAsync());
        Assert.True(rig.Writer.Api.BytesSent * 3 < rig.Writer.Api.BytesUncompressed,
            $"gzip sent {rig.Writer.Api.BytesSent} bytes for {rig.Writer.Api.BytesUncompressed}");
    }

    [Fact]
    public async Task InfluxDB_down_for_a_while_loses_no_point_and_the_buffer_replays_in_order()
    {
        await using var rig = await InfluxWriterRig.StartAsync();
        var writer = rig.Writer;
        for (var i = 0; i < 300; i++) writer.TryAdd(Point("flow", T0 + i, i));
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(20)));

        await rig.Influx.StopAsync();
        // Ten simulated seconds of points while it is down; the "order" series writes one timestamp again and again,
        // so the value InfluxDB keeps shows which write came last.
        for (var second = 0; second < 10; second++)
        {
            for (var i = 0; i < 100; i++) writer.TryAdd(Point("flow", T0 + 300 + second * 100 + i, 300 + second * 100 + i));
            writer.TryAdd(Point("order", T0, second + 1));
            rig.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await rig.WaitUntilAsync(() => writer.Buffered.Points == 1010, "all points buffered on disk");
        Assert.False(writer.IsAvailable);
        Assert.True(writer.Retries >= 1);
        Assert.NotEmpty(Directory.GetFiles(rig.BufferDirectory, "*.segment"));
        Assert.Equal(1010, writer.Pending);

        await rig.Influx.RestartAsync();
        await rig.WaitUntilAsync(() => writer.Pending == 0, "buffer replayed", step: TimeSpan.FromSeconds(1));

        Assert.True(writer.IsAvailable);
        Assert.Equal(1010, writer.Replayed); // every point that waited out the outage; none of the first 300
        Assert.Equal(1300, await rig.CountAsync("flow"));
        var flow = (await rig.Influx.QueryAsync(InfluxWriterRig.Database, "SELECT v FROM flow"))[0];
        Assert.Equal(Enumerable.Range(0, 1300).Select(i => (double)i), flow.Column("v").Select(v => v.GetDouble()));
        var order = (await rig.Influx.QueryAsync(InfluxWriterRig.Database, "SELECT v FROM \"order\""))[0];
        Assert.Equal(10.0, Assert.Single(order.Column("v")).GetDouble());
        Assert.Equal(0, writer.Dropped.Total);
        Assert.Equal(0, writer.Buffered.Bytes);
        Assert.Empty(Directory.GetFiles(rig.BufferDirectory, "*.segment"));
    }

    [Fact]
    public async Task A_poison_point_is_dropped_with_its_reason_and_counted_and_never_blocks_or_retries()
    {
        await using var rig = await InfluxWriterRig.StartAsync();
        await rig.Influx.ExecuteAsync($"CREATE DATABASE {InfluxWriterRig.Database}");
        // The field already holds strings in this shard: a float for it is a field type conflict.
        var writer = rig.Writer;
        writer.TryAdd(new InfluxPoint("conflict", T0).Field("v", "text"));
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(20)));
        var writesBefore = rig.Tap.Writes.Count();

        for (var i = 0; i < 99; i++)
        {
            writer.TryAdd(Point("good", T0 + i, i));
            if (i == 50) writer.TryAdd(new InfluxPoint("conflict", T0 + 1).Field("v", 1.5));
        }

        writer.TryAdd(new InfluxPoint("good", T0 + 500).Field("v", double.NaN)); // no finite field: cannot be written at all
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(99, await rig.CountAsync("good"));
        Assert.Equal(1, writer.Dropped.Count(DropCause.RefusedByServer));
        Assert.Equal(1, writer.Dropped.Count(DropCause.NotRepresentable));
        var refusal = Assert.Single(writer.Dropped.Recent, d => d.Cause == DropCause.RefusedByServer);
        Assert.Contains("field type conflict", refusal.Reason);
        Assert.Equal(0, writer.Retries);
        Assert.Equal(1, rig.Tap.Writes.Count() - writesBefore);
        Assert.Contains("field type conflict", writer.LastError!.Reason, StringComparison.Ordinal); // a partial write is an error to show, not a retry
        Assert.Equal(2, writer.BatchesWritten);

        for (var i = 0; i < 10; i++) writer.TryAdd(Point("after", T0 + i, i));
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(10, await rig.CountAsync("after"));
        Assert.Equal(2, rig.Tap.Writes.Count() - writesBefore);
    }

    [Fact]
    public async Task Retries_wait_the_servers_Retry_After_and_otherwise_back_off_exponentially_on_simulated_time()
    {
        await using var rig = await InfluxWriterRig.StartAsync(o => o with { InitialRetryDelaySeconds = 0.5, MaxRetryDelaySeconds = 4 });
        rig.Tap.FailNextWrite(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(20));
        rig.Tap.FailNextWrite(HttpStatusCode.InternalServerError);
        rig.Tap.FailNextWrite(HttpStatusCode.TooManyRequests);
        rig.Tap.FailNextWrite(HttpStatusCode.BadGateway);
        rig.Tap.FailNextWrite(HttpStatusCode.GatewayTimeout);
        for (var i = 0; i < 10; i++) rig.Writer.TryAdd(Point("m", T0 + i, i));
        var flushed = rig.Writer.FlushAsync(TimeSpan.FromSeconds(30));

        // Simulated time moves in 50 ms steps, and only once the writer has taken in each refusal (so each wait is measured within a step).
        var seen = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (rig.Writer.Pending > 0 && DateTime.UtcNow < deadline)
        {
            var writes = rig.Tap.Writes.Count();
            if (writes > seen)
            {
                seen = writes;
                await rig.WaitUntilAsync(() => rig.Writer.Retries >= seen || rig.Writer.Pending == 0, "refusal taken in");
                await Task.Delay(20);
                continue;
            }

            rig.Time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(5);
        }

        Assert.True(await flushed);

        var times = rig.Tap.Writes.Select(w => w.At).ToList();
        Assert.Equal(6, times.Count);
        var waits = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.InRange(waits[0], 20.0, 20.3); // Retry-After instead of the first 0.5 s
        Assert.InRange(waits[1], 1.0, 1.3); // then doubling to the 4 s cap
        Assert.InRange(waits[2], 2.0, 2.3);
        Assert.InRange(waits[3], 4.0, 4.3);
        Assert.InRange(waits[4], 4.0, 4.3);
        Assert.Equal(10, await rig.CountAsync("m"));
        Assert.Equal(5, rig.Writer.Retries);
        Assert.Equal(1, rig.Writer.RetryAfterHonoured); // only the 503 carried a Retry-After
        var responses = rig.Writer.Api.Responses;
        Assert.Equal(1, responses[503]);
        Assert.Equal(1, responses[429]);
        Assert.Equal(1, responses[204]);
        Assert.Equal(1, rig.Writer.BatchesWritten);
        Assert.Contains("504", rig.Writer.LastError!.Reason, StringComparison.Ordinal);
        Assert.Equal(rig.Time.GetUtcNow(), rig.Writer.LastSuccessAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_full_buffer_drops_the_newest_points_counts_them_and_keeps_what_it_holds()
    {
        await using var rig = await InfluxWriterRig.StartAsync(o => o with { BufferMaxBytes = 16 * 1024, BufferSegmentBytes = 4096 });
        var writer = rig.Writer;
        writer.TryAdd(Point("m", T0, 0));
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(20)));
        await rig.Influx.StopAsync();

        var time = T0;
        for (var second = 0; second < 20; second++)
        {
            for (var i = 0; i < 100; i++) writer.TryAdd(Point("m", ++time, time - T0));
            rig.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await rig.WaitUntilAsync(() => writer.Buffered.Points + writer.Dropped.Count(DropCause.BufferFull) == 2000, "every batch buffered or dropped");
        Assert.True(writer.IsBufferFull);
        Assert.True(writer.Dropped.Count(DropCause.BufferFull) > 0);
        Assert.True(writer.Buffered.Bytes <= 16 * 1024 + 8 * 1024, $"{writer.Buffered.Bytes} bytes buffered"); // the limit, plus the batch that was in flight
        Assert.Contains(writer.Dropped.Recent, d => d.Cause == DropCause.BufferFull && d.Reason.Contains("buffer full"));
        var kept = writer.Buffered.Points;

        await rig.Influx.RestartAsync();
        await rig.WaitUntilAsync(() => writer.Pending == 0, "buffer replayed", step: TimeSpan.FromSeconds(1));
        Assert.Equal(1 + kept, await rig.CountAsync("m"));
        writer.TryAdd(Point("m", T0 + 1_000_000, 1));
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(20)));
        Assert.False(writer.IsBufferFull);
    }

    [Fact]
    public async Task Points_buffered_when_the_supervisor_stops_are_sent_by_the_next_start()
    {
        await using var rig = await InfluxWriterRig.StartAsync();
        await rig.Influx.StopAsync();
        for (var i = 0; i < 250; i++) rig.Writer.TryAdd(Point("m", T0 + i, i));
        await rig.Writer.DisposeAsync(); // stops while InfluxDB is down: everything stays on disk

        await rig.Influx.RestartAsync();
        rig.Replace(rig.NewWriter());
        Assert.Equal(250, rig.Writer.Recovered);
        await rig.WaitUntilAsync(() => rig.Writer.Pending == 0, "recovered buffer replayed", step: TimeSpan.FromSeconds(1));
        Assert.Equal(250, await rig.CountAsync("m"));
        Assert.Equal(250, rig.Writer.Replayed);
    }
}
