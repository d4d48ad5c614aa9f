namespace Cooling.Supervisor.Broker;

/// <summary>MQTT topic filter matching (MQTT 3.1.1 §4.7): <c>+</c> one level, <c>#</c> the rest (as the last level).</summary>
public static class TopicFilter
{
    /// <summary>True when <paramref name="filter"/> is a well-formed filter: no empty string, <c>#</c> only as a whole last level, <c>+</c> only as a whole level.</summary>
    public static bool IsValid(string filter)
    {
        if (filter.Length == 0) return false;
        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#') && (level != "#" || i != levels.Length - 1)) return false;
            if (level.Contains('+') && level != "+") return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="topic"/> is a publishable topic name: not empty, no wildcard.</summary>
    public static bool IsValidTopic(string topic) => topic.Length > 0 && topic.IndexOfAny(['+', '#']) < 0;

    /// <summary>True when the topic name <paramref name="topic"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic) => IsValidTopic(topic) && Covers(filter, topic);

    /// <summary>
    /// True when every topic that <paramref name="inner"/> can match is matched by <paramref name="outer"/> (both valid
    /// filters; a topic name is a filter without wildcards). Topics starting with <c>$</c> are matched only by filters
    /// naming that first level (MQTT 3.1.1 §4.7.2).
    /// </summary>
    public static bool Covers(string outer, string inner)
    {
        if (!IsValid(outer) || !IsValid(inner)) return false;
        var o = outer.Split('/');
        var i = inner.Split('/');
        if (i[0].StartsWith('$') != o[0].StartsWith('$') && o[0] is "#" or "+") return false;
        for (var level = 0; level < o.Length; level++)
        {
            if (o[level] == "#") return true;
            if (level >= i.Length) return false;
            if (o[level] == "+")
            {
                if (i[level] == "#") return false;
                continue;
            }

            if (o[level] != i[level]) return false;
        }

        return i.Length == o.Length;
    }
}
