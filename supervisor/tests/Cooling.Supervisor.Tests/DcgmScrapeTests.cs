using Cooling.Supervisor.Dcgm;

namespace Cooling.Supervisor.Tests;

public sealed class DcgmScrapeTests
{
    [Fact]
    public void Reads_both_exporter_builds_into_per_GPU_readings_and_drops_not_supported_values()
    {
        var scrape = DcgmScrape.Read(DcgmExpositions.Both);

        Assert.Equal(7, scrape.Gpus.Count);
        Assert.Equal(2, scrape.NotSupportedValues); // node-a GPU 2 memory, node-b GPU 1 power
        Assert.Equal(0, scrape.OutOfRangeValues);
        Assert.Empty(scrape.MalformedLines);

        var a1 = scrape.Gpus.Single(g => g.Host == "node-a" && g.Gpu == 1);
        Assert.Equal(67, a1.TemperatureCelsius);
        Assert.Equal(71, a1.MemoryTemperatureCelsius);
        Assert.Equal(699.871, a1.PowerWatts);
        Assert.True(a1.Throttled); // software power cap, read from the older metric name
        Assert.Equal("GPU-1b2c3d4e-0000-1111-2222-333344445551", a1.Uuid);
        Assert.Equal("NVIDIA H100 80GB HBM3", a1.ModelName);

        Assert.False(scrape.Gpus.Single(g => g.Host == "node-a" && g.Gpu == 0).Throttled); // idle is not throttling
        var a2 = scrape.Gpus.Single(g => g.Host == "node-a" && g.Gpu == 2);
        Assert.Null(a2.MemoryTemperatureCelsius);
        Assert.Equal(58, a2.TemperatureCelsius);
        Assert.Null(scrape.Gpus.Single(g => g.Host == "node-a" && g.Gpu == 3).PowerWatts);

        var b1 = scrape.Gpus.Single(g => g.Host == "node-b" && g.Gpu == 1); // "hostname" label of newer builds
        Assert.Equal(84, b1.TemperatureCelsius);
        Assert.Null(b1.PowerWatts);
        Assert.True(b1.Throttled); // hardware thermal slowdown, newer metric name
        Assert.Null(scrape.Gpus.Single(g => g.Host == "node-c").Throttled); // reasons not reported
    }

    [Theory]
    [InlineData("9223372036854775792", true)] // 0x7ffffffffffffff0: DCGM_INT64_BLANK
    [InlineData("9223372036854775807", true)]
    [InlineData("9.223372036854776e+18", true)]
    [InlineData("9223372036854775791", false)]
    [InlineData("140", false)]
    public void Knows_the_not_supported_sentinel(string text, bool notSupported)
    {
        Assert.Equal(notSupported, DcgmFields.IsNotSupported(text, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Skips_lines_that_do_not_parse_and_values_out_of_range_and_says_where()
    {
        var text = """
            # TYPE DCGM_FI_DEV_GPU_TEMP gauge
            DCGM_FI_DEV_GPU_TEMP{gpu="0",Hostname="n1"} 50
            DCGM_FI_DEV_GPU_TEMP{gpu="1",Hostname="n1} 51
            DCGM_FI_DEV_GPU_TEMP{gpu="2",Hostname="n1"} warm
            DCGM_FI_DEV_GPU_TEMP{gpu="3",Hostname="n1"} 2147483632
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="n1"} -3
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="n1"} 300 1764000000000
            DCGM_FI_DEV_GPU_TEMP{Hostname="n1"} 50
            DCGM_FI_DEV_GPU_TEMP{gpu="4",Hostname="n1",note="a \"quoted\\ label"} 52
            """;

        var scrape = DcgmScrape.Read(text);

        Assert.Equal(["line 3: the value of label Hostname is not closed", "line 4: DCGM_FI_DEV_GPU_TEMP: the value 'warm' is not a number"], scrape.MalformedLines);
        Assert.Equal(2, scrape.OutOfRangeValues); // 2147483632 °C (DCGM's 32-bit blank) and −3 W
        Assert.Equal(1, scrape.SamplesWithoutGpuLabels);
        var gpu0 = scrape.Gpus.Single(g => g.Gpu == 0);
        Assert.Equal(50, gpu0.TemperatureCelsius);
        Assert.Equal(300, gpu0.PowerWatts); // the sample with a timestamp
        Assert.Equal(52, scrape.Gpus.Single(g => g.Gpu == 4).TemperatureCelsius);
        Assert.Null(scrape.Gpus.Single(g => g.Gpu == 3).TemperatureCelsius);
    }

    [Fact]
    public void Parses_label_escapes()
    {
        var sample = Assert.Single(PrometheusTextParser.Parse("m{a=\"x\\\"y\\\\z\\n\",b=\"\"} 1.5e2"));

        Assert.Equal("x\"y\\z\n", sample.Labels["a"]);
        Assert.Equal("", sample.Labels["b"]);
        Assert.Equal(150, sample.Value);
    }

    [Theory]
    [InlineData("node-a=r01", "node-a", "r01", 0)]
    [InlineData("gb200-tray-07=rack-12:24", "gb200-tray-07", "rack-12", 24)]
    public void Reads_host_mappings(string text, string host, string rack, int first)
    {
        Assert.Equal(new DcgmHostMapping(host, rack, first), DcgmHostMapping.Parse(text));
    }

    [Theory]
    [InlineData("node-a", "host=rack")]
    [InlineData("node-a=Rack 1", "Rack id")]
    [InlineData("node-a=r1:x", "first GPU index")]
    [InlineData("node-a=r1:2000", "FirstGpuIndex")]
    public void Refuses_bad_host_mappings_with_the_reason(string text, string reason)
    {
        var error = Assert.ThrowsAny<Exception>(() => DcgmHostMapping.Parse(text));
        Assert.Contains(reason, error.Message);
    }
}
