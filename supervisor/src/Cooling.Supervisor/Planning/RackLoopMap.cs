namespace Cooling.Supervisor.Planning;

/// <summary>
/// Which racks belong to which CDU's loop. Explicit assignments (rack id → CDU id) win; otherwise the naming
/// convention of the twin and of the reference installation applies: rack "{cduId}-rNN" is on CDU "{cduId}"'s loop.
/// </summary>
public sealed class RackLoopMap(IReadOnlyDictionary<string, string>? assignments = null)
{
    private readonly IReadOnlyDictionary<string, string> _assignments = assignments ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The CDU whose loop carries <paramref name="rackId"/>, or null when neither an assignment nor the convention says.</summary>
    public string? CduOf(string rackId)
    {
        ArgumentNullException.ThrowIfNull(rackId);
        if (_assignments.TryGetValue(rackId, out var cdu)) return cdu;
        var marker = rackId.LastIndexOf("-r", StringComparison.Ordinal);
        if (marker <= 0 || marker + 2 >= rackId.Length) return null;
        for (var i = marker + 2; i < rackId.Length; i++)
        {
            if (!char.IsAsciiDigit(rackId[i])) return null;
        }

        return rackId[..marker];
    }

    public bool IsOnLoop(string rackId, string cduId) => string.Equals(CduOf(rackId), cduId, StringComparison.Ordinal);
}
