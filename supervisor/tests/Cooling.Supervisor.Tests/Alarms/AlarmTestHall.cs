using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Alarms;

/// <summary>
/// A supervisor on simulated time with a real store and a real SQLite alarm history, fed contract-v1 messages
/// through its ingestion (no broker needed), with the alarm pass run by hand.
/// </summary>
internal sealed class AlarmTestHall : IAsyncDisposable
{
    private readonly TemporaryStore _store = new();
    private readonly DirectoryInfo? _folder;

    /// <param name="historyPath">An alarm history file to use (and keep): a supervisor started again on it; by default a new one, deleted afterwards.</param>
    /// <param name="start">The simulated time at start.</param>
    public AlarmTestHall(AlarmOptions options, string? historyPath = null, DateTimeOffset? start = null)
    {
        if (historyPath is null) _folder = Directory.CreateTempSubdirectory("cooling-alarms-");
        HistoryPath = historyPath ?? Path.Combine(_folder!.FullName, "supervisor.db");
        Time = new FakeTimeProvider(start ?? Start);
        History = new SqliteAlarmHistory(HistoryPath);
        Supervisor = new SupervisorService(new SupervisorOptions(), new FixedSetpointPlanner(30), _store.Store, Time, alarmOptions: options, alarmHistory: History);
    }

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Options with no start-up suppression and short dwells, for tests that look at one thing at a time.</summary>
    public static AlarmOptions Quick() => new()
    {
        StartupSuppressionSeconds = 0,
        CduStartupSuppressionSeconds = 0,
        GpuTemperatureCelsius = new() { Caution = 83, Critical = 87, Hysteresis = 2, DwellSeconds = 5, ClearDwellSeconds = 3 },
    };

    public FakeTimeProvider Time { get; }

    public string HistoryPath { get; }

    public SqliteAlarmHistory History { get; }

    public SupervisorService Supervisor { get; }

    public AlarmEngine Engine => Supervisor.Alarms.Engine;

    public IReadOnlyList<AlarmRecord> Open => Engine.Open();

    public void Rack(byte[] message, string rack = "r01") => Supervisor.Ingestor.Ingest($"cooling/v1/hall1/rack/{rack}/telemetry", message);

    public void Cdu(string kind, byte[] message, string cdu = "cdu1") => Supervisor.Ingestor.Ingest($"cooling/v1/hall1/cdu/{cdu}/{kind}", message);

    /// <summary>
    /// Advances simulated time by <paramref name="seconds"/>, runs a planning round (it judges each CDU's link; with no
    /// broker it sends nothing) and one alarm pass, as the supervisor's two timers do.
    /// </summary>
    public void After(double seconds)
    {
        Time.Advance(TimeSpan.FromSeconds(seconds));
        Supervisor.Coordinator.Tick();
        Supervisor.Alarms.Evaluate();
    }

    public AlarmRecord? Find(string code, string source) => Open.FirstOrDefault(a => a.Code == code && a.Source == source);

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync();
        History.Dispose();
        await _store.DisposeAsync();
        _folder?.Delete(recursive: true);
    }
}
