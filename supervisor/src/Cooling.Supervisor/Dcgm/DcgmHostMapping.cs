namespace Cooling.Supervisor.Dcgm;

/// <summary>
/// Which rack a host's GPUs are in: the GPU labelled <c>gpu="n"</c> on <see cref="Host"/> is GPU
/// <see cref="FirstGpuIndex"/> + n of rack <see cref="RackId"/> (e.g. the third 4-GPU tray of a rack starts at 8).
/// </summary>
public sealed record DcgmHostMapping(string Host, string RackId, int FirstGpuIndex = 0)
{
    /// <summary>Reads <c>host=rack</c> or <c>host=rack:firstGpuIndex</c>.</summary>
    public static DcgmHostMapping Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"'{text}' is not a host mapping: write host=rack or host=rack:firstGpuIndex.");
        }

        var host = text[..equals];
        var target = text[(equals + 1)..].Split(':');
        var first = 0;
        if (target.Length > 2 || (target.Length == 2 && !int.TryParse(target[1], out first)))
        {
            throw new FormatException($"'{text}' is not a host mapping: the first GPU index after ':' must be an integer.");
        }

        var mapping = new DcgmHostMapping(host, target[0], first);
        mapping.Validate();
        return mapping;
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("A host mapping needs a host name.");
        if (!Contract.TopicAddress.IsValidId(RackId)) throw new ArgumentException($"Rack id '{RackId}' of host {Host} must be 1 … 32 characters of a-z, 0-9, '-' or '_'.");
        if (FirstGpuIndex is < 0 or > 1023) throw new ArgumentException($"FirstGpuIndex of host {Host} must be 0 … 1023.");
    }
}
