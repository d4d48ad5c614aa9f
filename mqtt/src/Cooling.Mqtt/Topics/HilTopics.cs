namespace Cooling.Mqtt.Topics;

/// <summary>
/// The HIL I/O topics of one CDU (docs/hil-io.md): <c>cooling/v1/{site}/cdu/{cdu}/hil/sensors</c> (rig → CDU) and
/// <c>cooling/v1/{site}/cdu/{cdu}/hil/actuators</c> (CDU → rig). Not part of the supervisor's contract: only a rig,
/// the twin or a test speaks them.
/// </summary>
public sealed class HilTopics
{
    public HilTopics(string siteId, string cduId)
    {
        if (!ContractTopics.IsValidId(siteId)) throw new ArgumentException("The site id must be 1 to 32 characters of a-z, 0-9, '-' or '_'.", nameof(siteId));
        if (!ContractTopics.IsValidId(cduId)) throw new ArgumentException("The CDU id must be 1 to 32 characters of a-z, 0-9, '-' or '_'.", nameof(cduId));
        var root = $"{ContractTopics.Root}{siteId}/cdu/{cduId}/hil/";
        Sensors = root + "sensors";
        Actuators = root + "actuators";
    }

    /// <summary>Rig → CDU: one sensor scan, QoS 0, at 10 Hz or faster.</summary>
    public string Sensors { get; }

    /// <summary>CDU → rig: the actuator commands, QoS 0, every control cycle.</summary>
    public string Actuators { get; }
}
