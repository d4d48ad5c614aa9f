using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Config
{
    /// <summary>
    /// CRC protection of a stored JSON document: the last member is <c>"crc32":"xxxxxxxx"</c>, the CRC-32 of every
    /// byte of the document before the comma that precedes it. Any changed, lost or added byte is caught.
    /// </summary>
    public static class ProtectedDocument
    {
        public const string CrcMember = "crc32";

        /// <summary>Appends the CRC member to a document written up to (not including) its closing brace, and closes it.</summary>
        public static void Seal(JsonMessageWriter writer)
        {
            uint crc = Crc32.Compute(writer.Buffer, 0, writer.Length);
            writer.WriteHex32(CrcMember, crc);
            writer.EndObject();
        }

        /// <summary>True when the parsed document carries a CRC member that matches its bytes.</summary>
        public static bool Verify(JsonMessageReader reader, byte[] buffer, int length)
        {
            int nameOffset = reader.GetNameOffset(CrcMember);
            uint stored;
            if (nameOffset < 0 || !reader.TryGetHex32(CrcMember, out stored))
            {
                return false;
            }

            int end = nameOffset - 1;
            while (end > 0 && buffer[end] != (byte)',')
            {
                end--;
            }

            return end > 0 && Crc32.Compute(buffer, 0, end) == stored;
        }
    }
}
