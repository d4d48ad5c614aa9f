using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cdu.Firmware.Host;

/// <summary>
/// Log lines for a technician's terminal or a service journal: <c>HH:mm:ss.fff LEVEL category: message</c> on one
/// writer (stderr), information and above, timestamps from the run's <see cref="TimeProvider"/> (UTC).
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, TimeProvider time, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly object _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            writer.Flush();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var name = level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO ",
            LogLevel.Warning => "WARN ",
            LogLevel.Error => "ERROR",
            _ => "CRIT ",
        };
        var line = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():HH:mm:ss.fff} {name} {category}: {message}");
        lock (_gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
            {
                writer.WriteLine(exception.ToString());
            }

            writer.Flush();
        }
    }

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= ProviderMinimum(provider) && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }

        private static LogLevel ProviderMinimum(TextWriterLoggerProvider p) => p.Minimum;
    }

    private LogLevel Minimum => minimum;
}
