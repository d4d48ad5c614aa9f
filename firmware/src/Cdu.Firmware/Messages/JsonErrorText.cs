namespace Cdu.Firmware.Messages
{
    /// <summary>Fixed reason texts for <see cref="JsonError"/> (nanoFramework's Enum.ToString gives numbers, and text must not allocate).</summary>
    public static class JsonErrorText
    {
        public static string Describe(JsonError error)
        {
            switch (error)
            {
                case JsonError.None: return "ok";
                case JsonError.Empty: return "malformed JSON: empty message";
                case JsonError.NotAnObject: return "malformed JSON: the message is not an object";
                case JsonError.TrailingContent: return "malformed JSON: content after the object";
                case JsonError.ExpectedName: return "malformed JSON: expected a member name";
                case JsonError.ExpectedColon: return "malformed JSON: expected ':' after a member name";
                case JsonError.ExpectedCommaOrEnd: return "malformed JSON: expected ',' or the end of an object or array";
                case JsonError.UnexpectedEnd: return "malformed JSON: the message ends early";
                case JsonError.UnexpectedCharacter: return "malformed JSON: unexpected character";
                case JsonError.ControlCharacterInString: return "malformed JSON: unescaped control character in a string";
                case JsonError.InvalidEscape: return "malformed JSON: invalid escape in a string";
                case JsonError.InvalidNumber: return "malformed JSON: invalid number";
                case JsonError.TooDeep: return "malformed JSON: nested too deeply";
                case JsonError.TooManyMembers: return "malformed JSON: too many members";
                case JsonError.DuplicateName: return "malformed JSON: duplicate member name";
                default: return "malformed JSON";
            }
        }
    }
}
