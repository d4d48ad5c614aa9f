using System.Collections.Concurrent;
using System.Diagnostics;
using Cooling.Hil.Rig;

namespace Cooling.Testing;

/// <summary>
/// The Debian mosquitto-clients programs as an outside client: <see cref="PublishAsync"/> runs mosquitto_pub to its
/// end; <see cref="SubscribeAsync"/> starts mosquitto_sub (with <c>-d</c>, so the fixture knows when the broker has
/// answered the subscription) and collects the messages it prints (<c>-v</c>: topic and payload).
/// </summary>
public static class MosquittoClients
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(30);

    public static string Pub => InstalledProgram.Find("mosquitto_pub", "mosquitto-clients", "/usr/bin/mosquitto_pub", "/usr/local/bin/mosquitto_pub");

    public static string Sub => InstalledProgram.Find("mosquitto_sub", "mosquitto-clients", "/usr/bin/mosquitto_sub", "/usr/local/bin/mosquitto_sub");

    private static string Stdbuf => InstalledProgram.Find("stdbuf", "coreutils", "/usr/bin/stdbuf", "/bin/stdbuf");

    /// <summary>Runs mosquitto_pub with <paramref name="arguments"/>; its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> PublishAsync(params string[] arguments)
    {
        var output = new ConcurrentQueue<string>();
        using var process = Start(Pub, arguments, output);
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // the output handlers have run
        return (process.ExitCode, string.Join(Environment.NewLine, output));
    }

    /// <summary>
    /// Starts mosquitto_sub with <paramref name="arguments"/> (add <c>-C n</c> to end it after n messages) and waits until
    /// the broker has answered its subscription (SUBACK) or it has exited (refused connection).
    /// </summary>
    public static async Task<MosquittoSubscription> SubscribeAsync(params string[] arguments)
    {
        // stdbuf: mosquitto_sub's debug lines (the SUBACK) go to a pipe, which the C library would buffer.
        var subscription = new MosquittoSubscription(Start(Stdbuf, ["-oL", "-eL", Sub, "-d", "-v", .. arguments], null));
        await subscription.WaitSubscribedAsync(ProcessTimeout);
        return subscription;
    }

    internal static Process Start(string executable, IEnumerable<string> arguments, ConcurrentQueue<string>? output)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        if (output is not null)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }
}

/// <summary>A running mosquitto_sub: its messages (<c>topic payload</c> lines), its debug lines, its exit.</summary>
public sealed class MosquittoSubscription : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal MosquittoSubscription(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every line mosquitto_sub wrote so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The received messages as <c>topic payload</c> (lines that start with the contract's root).</summary>
    public IReadOnlyList<string> Messages => [.. _lines.Where(l => l.StartsWith("cooling/", StringComparison.Ordinal))];

    /// <summary>The QoS the broker granted per filter (128: refused), from mosquitto_sub's "Subscribed" debug line.</summary>
    public string? Granted => _lines.FirstOrDefault(l => l.StartsWith("Subscribed", StringComparison.Ordinal))?.Split(": ").LastOrDefault();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until mosquitto_sub exits (after its <c>-C</c> count of messages, or when the broker closes it).</summary>
    public async Task WaitExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"mosquitto_sub did not exit within {timeout.TotalSeconds:F0} s; it wrote:{Environment.NewLine}{string.Join(Environment.NewLine, _lines)}");
        }

        _process.WaitForExit(); // the output handlers have run
    }

    internal async Task WaitSubscribedAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_subscribed.Task, exited, Task.Delay(timeout));
        if (first == exited) _process.WaitForExit();
        else if (first != _subscribed.Task) throw new TimeoutException($"mosquitto_sub got no SUBACK within {timeout.TotalSeconds:F0} s; it wrote:{Environment.NewLine}{string.Join(Environment.NewLine, _lines)}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        if (line.StartsWith("Subscribed", StringComparison.Ordinal)) _subscribed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
