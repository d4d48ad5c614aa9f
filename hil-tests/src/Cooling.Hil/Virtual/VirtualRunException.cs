namespace Cooling.Hil.Virtual;

/// <summary>A virtual-target run that could not be carried out (the CDU did not start, stopped, or fell silent), with the CDU's output.</summary>
public sealed class VirtualRunException(string message, string cduOutput) : Exception(message)
{
    /// <summary>What the virtual CDU process printed.</summary>
    public string CduOutput { get; } = cduOutput;
}
