namespace Cdu.Firmware.Messages
{
    /// <summary>Why <see cref="JsonMessageReader"/> refused a document. Names appear verbatim in rejection reasons.</summary>
    public enum JsonError
    {
        None = 0,
        Empty = 1,
        NotAnObject = 2,
        TrailingContent = 3,
        ExpectedName = 4,
        ExpectedColon = 5,
        ExpectedCommaOrEnd = 6,
        UnexpectedEnd = 7,
        UnexpectedCharacter = 8,
        ControlCharacterInString = 9,
        InvalidEscape = 10,
        InvalidNumber = 11,
        TooDeep = 12,
        TooManyMembers = 13,
        DuplicateName = 14,
    }
}
