using System.Text;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host.Tests.Support;

namespace Cdu.Firmware.Host.Tests;

public sealed class VirtualCduRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Hall1", "cdu1", "mqtt://127.0.0.1:1883", "--site: 'Hall1' is not a site id")]
    [InlineData("hall1", "cdu/1", "mqtt://127.0.0.1:1883", "--cdu: 'cdu/1' is not a CDU id")]
    [InlineData("hall1", "cdu1", "tcp://127.0.0.1:1883", "--broker: 'tcp://127.0.0.1:1883' is not a broker address")]
    public void Options_that_cannot_work_are_refused_with_the_option_named(string site, string cdu, string broker, string problem)
    {
        var options = new VirtualCduOptions { SiteId = site, CduId = cdu, BrokerUrl = broker };

        Assert.StartsWith(problem, VirtualCduRunner.Validate(options, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void Gpio_needs_a_pin_map_and_hil_takes_none()
    {
        Assert.StartsWith("--pins:", VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", Io = IoKind.Gpio }, out _), StringComparison.Ordinal);
        Assert.StartsWith("--pins:", VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", PinMapFile = "pins.json" }, out _), StringComparison.Ordinal);
        Assert.StartsWith("--config:", VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", ConfigurationFile = _folder.File("none.json") }, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_option_wins_over_the_url_which_wins_over_the_environment()
    {
        Assert.Null(VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", BrokerUrl = "mqtts://u:url@broker.example", EnvironmentPassword = "env" }, out var fromUrl));
        Assert.Equal(("u", "url", 8883, true), (fromUrl.Resolve().UserName, fromUrl.Resolve().Password, fromUrl.Resolve().Port, fromUrl.Resolve().UseTls));

        VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", BrokerUrl = "mqtt://u:url@b", Password = "option", UserName = "v" }, out var fromOption);
        Assert.Equal(("v", "option"), (fromOption.Resolve().UserName, fromOption.Resolve().Password));

        VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", BrokerUrl = "mqtt://b", UserName = "u", EnvironmentPassword = "env" }, out var fromEnvironment);
        Assert.Equal("env", fromEnvironment.Resolve().Password);
    }

    [Fact]
    public void An_exported_configuration_document_is_imported_stored_and_loaded_by_the_controller()
    {
        var path = _folder.File("cdu1-config.json");
        File.WriteAllText(path, ExportedDocument(fallback: 30.5));
        var storage = new FileStorage(_folder.File("state"));

        Assert.Null(VirtualCduRunner.ImportConfiguration(storage, path, out var revision));

        Assert.True(revision >= 1);
        var settings = new CduSettings();
        var controller = new CduController(settings, new TimeProviderClock(TimeProvider.System), new Hil.HilTopicIo(new Cooling.Mqtt.Topics.HilTopics("s", "c"), TimeProvider.System),
            new RecordingBus(), new Messages.CduTopics("s", "c"), new FileStorage(_folder.File("state")));
        Assert.True(controller.ConfigurationLoaded);
        Assert.Equal(30.5, controller.Settings.Supply.FallbackSetpointCelsius);
        Assert.Equal(revision, controller.Configuration.Revision);
    }

    [Fact]
    public void A_corrupted_document_is_refused_and_nothing_is_stored()
    {
        var document = ExportedDocument(fallback: 30.5).Replace("30.5", "31.5", StringComparison.Ordinal);
        var path = _folder.File("tampered.json");
        File.WriteAllText(path, document);
        var storage = new FileStorage(_folder.File("state"));

        var reason = VirtualCduRunner.ImportConfiguration(storage, path, out _);

        Assert.Contains("crc32", reason, StringComparison.Ordinal);
        Assert.Equal(-1, storage.Read(ConfigurationStore.RecordName, new byte[ConfigurationStore.DocumentCapacityBytes]));
    }

    internal static string ExportedDocument(double fallback)
    {
        var settings = new CduSettings { Supply = { FallbackSetpointCelsius = fallback } };
        var export = new ConfigurationStore(new VolatileStorage()).Export(settings);
        return Encoding.UTF8.GetString(export.Buffer, 0, export.Length);
    }
}
