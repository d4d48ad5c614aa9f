using Spectre.Console;

namespace Cooling.Twin.Cli;

/// <summary>
/// The Spectre console the commands write to. When the output is not a terminal (redirected to a file or a pipe, or a
/// test's writer) colours and animation are off and the width is fixed, so that tables are not cut at 80 columns and
/// the progress bar prints plain lines.
/// </summary>
internal static class TwinConsole
{
    public const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
