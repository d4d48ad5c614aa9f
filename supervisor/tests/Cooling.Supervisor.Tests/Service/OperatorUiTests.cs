using System.Globalization;
using System.Text;
using System.Text.Json;
using Cooling.Testing;
using Microsoft.Playwright;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// The operators' page in real headless chromium against the running service: an operator signs in, it shows what
/// the devices publish, the operator acknowledges an alarm from it in their own name, it draws a CDU's history from
/// the store, and it says so when the supervisor does not answer. No script error is allowed on the page.
/// </summary>
public sealed class OperatorUiTests : IAsyncLifetime
{
    private const string Rack = "cooling/v1/hall1/rack/r01/telemetry";
    private const string Cdu = "cooling/v1/hall1/cdu/cdu1";
    private const string Operator = "operator-anna";
    private const string Password = "anna's long password";
    private RunningService _service = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync("--Cooling:Alarms:StartupSuppressionSeconds=0", "--Cooling:Alarms:GpuTemperatureCelsius:DwellSeconds=2");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumBrowser.ExecutablePath,
            Headless = true,
            Args = ChromiumBrowser.Arguments,
        });
        _service.AddUser(Operator, Cooling.Supervisor.Service.Security.Role.Operator, Password);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _service.DisposeAsync();
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await _browser.NewPageAsync();
        page.PageError += (_, error) => { lock (_pageErrors) _pageErrors.Add(error); };
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_pageErrors) _pageErrors.Add($"{message.Text} ({message.Location})");
        };
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(_service.Http.BaseAddress!.AbsoluteUri);
        return page;
    }

    /// <summary>Opens the page and signs in as <paramref name="name"/> through its form.</summary>
    internal static async Task SignInAsync(IPage page, string name, string password)
    {
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.Locator("#login-name").FillAsync(name);
        await page.Locator("#login-password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync(name);
    }

    // One simulated second of a CDU and a hot rack: both published, seen by the API, then the clock moves on.
    private async Task SecondAsync(long seq, double supplyCelsius, double hottestGpuCelsius)
    {
        await _service.PublishAsync($"{Cdu}/telemetry", Messages.CduTelemetry(seq, supplyCelsius.ToString("0.00", CultureInfo.InvariantCulture)));
        await _service.PublishAsync(Rack, Messages.Rack(hottest: hottestGpuCelsius, seq: seq));
        await RunningService.EventuallyAsync(async () =>
            await SequenceAsync("/api/halls/hall1/racks/r01", r => r.GetProperty("sequence")) == seq
            && await SequenceAsync("/api/halls/hall1/cdus/cdu1", c => c.GetProperty("telemetry").GetProperty("sequence")) == seq,
            $"second {seq} in the API");
        _service.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private async Task<long?> SequenceAsync(string path, Func<JsonElement, JsonElement> sequence)
    {
        using var response = await _service.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode ? sequence(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement).GetInt64() : null;
    }

    [Fact]
    public async Task The_page_shows_the_hall_and_an_operator_acknowledges_an_alarm_and_reads_a_history()
    {
        await _service.PublishAsync($"{Cdu}/state", Encoding.UTF8.GetBytes("""{"v":1,"online":true,"firmwareVersion":"0.2.0","mode":"automatic"}"""), retain: true);
        double[] supply = [30.1, 30.4, 30.9, 31.2];
        for (var i = 0; i < supply.Length; i++)
        {
            await SecondAsync(i + 1, supply[i], 88.5);
        }

        await RunningService.EventuallyAsync(async () => await _service.MetricAsync("cooling_store_rows_written_total") >= 8, "telemetry in the store");
        var page = await OpenAsync();
        await SignInAsync(page, Operator, Password);
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("operator");

        var cdu = page.Locator("#cdus tr[data-cdu='cdu1']");
        await Assertions.Expect(cdu.Locator("td.supply")).ToHaveTextAsync("31.2");
        await Assertions.Expect(cdu).ToContainTextAsync("online");
        await Assertions.Expect(cdu).ToContainTextAsync("automatic");
        await Assertions.Expect(page.Locator("#racks tr[data-rack='r01']")).ToContainTextAsync("88.5");
        await Assertions.Expect(page.Locator("#health")).Not.ToHaveTextAsync("…");

        // The critical GPU alarm, acknowledged in the signed-in operator's name.
        var critical = (await _service.GetJsonAsync("/api/alarms")).EnumerateArray().Single(a => a.GetProperty("severity").GetString() == "Critical");
        var id = critical.GetProperty("id").GetInt64();
        var row = page.Locator($"#alarms tr[data-alarm='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Critical");
        await Assertions.Expect(row.Locator("td.state")).ToHaveTextAsync("unacknowledged");
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(row.Locator("td.state")).ToHaveTextAsync("acknowledged by operator-anna");
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        var acknowledged = await _service.GetJsonAsync($"/api/alarms/{id}");
        Assert.Equal("operator-anna", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.Contains(_service.Audit.Query(RunningService.Start.AddDays(-1), RunningService.Start.AddDays(1), 100),
            e => e is { User: Operator, Role: "operator", Action: "alarm.acknowledge", Outcome: "200 OK" } && e.Target == $"alarm {id}");

        // The CDU's supply-temperature history, one vertex per stored value.
        await cdu.ClickAsync();
        var line = page.Locator("svg#history polyline");
        await Assertions.Expect(line).ToHaveCountAsync(1);
        var vertices = (await line.GetAttributeAsync("points"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(supply.Length, vertices.Length);
        var heights = vertices.Select(v => double.Parse(v.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(heights.Zip(heights.Skip(1)).All(p => p.Second < p.First), $"a rising supply temperature is drawn rising: {string.Join(' ', vertices)}");
        await Assertions.Expect(page.Locator("svg#history")).ToContainTextAsync("31.20");

        // The rack's GPUs, one cell each; the throttling GPU marked.
        await page.Locator("#racks tr[data-rack='r01']").ClickAsync();
        await Assertions.Expect(page.Locator("#gpus .gpu")).ToHaveCountAsync(72);
        await Assertions.Expect(page.Locator("#gpus .gpu[data-gpu='7']")).ToHaveTextAsync("#7 88.5 °C");
        await Assertions.Expect(page.Locator("#gpus .gpu.throttled")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#gpus .gpu.throttled")).ToHaveAttributeAsync("data-gpu", "3");

        lock (_pageErrors) Assert.True(_pageErrors.Count == 0, string.Join("\n", _pageErrors));
    }

    [Fact]
    public async Task The_page_signs_in_shows_who_is_signed_in_refuses_a_viewer_s_acknowledgement_and_signs_out()
    {
        _service.AddUser("viewer-vic", Cooling.Supervisor.Service.Security.Role.Viewer, "vic's long password");
        for (var i = 1; i <= 3; i++) await SecondAsync(i, 30.0, 88.5);
        var page = await OpenAsync();
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#hall")).ToBeHiddenAsync();

        await page.Locator("#login-name").FillAsync("viewer-vic");
        await page.Locator("#login-password").FillAsync("not vic's password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("wrong name or password");
        await Assertions.Expect(page.Locator("#hall")).ToBeHiddenAsync();

        await SignInAsync(page, "viewer-vic", "vic's long password");
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("viewer");
        await Assertions.Expect(page.Locator("#login")).ToBeHiddenAsync();
        var row = page.Locator("#alarms tr[data-alarm]").First;
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("forbidden");
        Assert.Contains(_service.Audit.Query(RunningService.Start.AddDays(-1), RunningService.Start.AddDays(1), 100),
            e => e is { User: "viewer-vic", Action: "alarm.acknowledge", Outcome: "403 Forbidden" });

        var cookies = await page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == Cooling.Supervisor.Service.Security.SecuritySetup.SessionCookieName);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#hall")).ToBeHiddenAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == Cooling.Supervisor.Service.Security.SecuritySetup.SessionCookieName);
        lock (_pageErrors)
        {
            // The browser reports the refused sign-in (401) and acknowledgement (403) it was expected to get; nothing else.
            var unexpected = _pageErrors.Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 401", StringComparison.Ordinal)
                && !e.StartsWith("Failed to load resource: the server responded with a status of 403", StringComparison.Ordinal)).ToList();
            Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
            Assert.Equal(2, _pageErrors.Count);
        }
    }

    [Fact]
    public async Task The_page_says_so_when_the_supervisor_does_not_answer()
    {
        var page = await OpenAsync();
        await SignInAsync(page, Operator, Password);
        await Assertions.Expect(page.Locator("#updated")).ToContainTextAsync("updated");
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();

        // The connection to the supervisor is cut, as by a network failure.
        await page.RouteAsync("**/api/**", route => route.AbortAsync("connectionrefused"));

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("The supervisor does not answer");
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_from_the_service_with_revalidation()
    {
        using var index = await _service.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("text/html; charset=utf-8", index.Content.Headers.ContentType!.ToString());
        var etag = index.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await _service.Http.SendAsync(request);
        Assert.Equal(304, (int)revalidated.StatusCode);
        Assert.Contains("fetch(", await _service.Http.GetStringAsync(new Uri("/ui/app.js", UriKind.Relative)), StringComparison.Ordinal);
        using var missing = await _service.Http.GetAsync(new Uri("/ui/missing.js", UriKind.Relative));
        Assert.Equal(404, (int)missing.StatusCode);
    }
}
