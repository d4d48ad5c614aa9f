using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cooling.Hall;

/// <summary>Keeps the last warnings and errors so that the live view can show them under the tables.</summary>
public sealed class RecentLog : ILoggerProvider
{
    private const int Kept = 6;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TimeProvider _time;

    public RecentLog(TimeProvider time) => _time = time;

    public IReadOnlyList<string> Lines => [.. _lines];

    public long Warnings { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message)
    {
        Warnings++;
        _lines.Enqueue($"{_time.GetLocalNow():HH:mm:ss} {(level >= LogLevel.Error ? "ERR" : "WRN")} {category}: {message}");
        while (_lines.Count > Kept && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(RecentLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add(logLevel, category, formatter(state, exception));
            }
        }
    }
}
