namespace Cdu.Firmware.Messages
{
    /// <summary>The kind of a JSON value found by <see cref="JsonMessageReader"/>.</summary>
    public enum JsonValueKind
    {
        None = 0,
        Object = 1,
        Array = 2,
        String = 3,
        Number = 4,
        True = 5,
        False = 6,
        Null = 7,
    }
}
