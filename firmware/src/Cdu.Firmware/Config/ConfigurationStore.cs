using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Config
{
    /// <summary>
    /// The firmware's persistent configuration: one CRC-protected, versioned JSON document in storage
    /// (<see cref="RecordName"/>) holding every parameter of <see cref="ParameterTable"/> by name:
    /// <c>{"formatVersion":1,"revision":7,"supply.fallbackSetpointCelsius":27.0,…,"crc32":"…"}</c>.
    /// Loading validates format, CRC, every range and the rules between parameters; anything wrong loads the safe
    /// defaults instead and says why (the controller raises ConfigurationDefaultsLoaded). Updates — a partial set of
    /// parameters, or a whole exported document (import) — are validated as a whole before anything changes, then
    /// stored with the revision counted up. Values are kept to 6 decimal places.
    /// </summary>
    public sealed class ConfigurationStore
    {
        public const string RecordName = "config.json";
        public const int FormatVersion = 1;
        public const int DocumentCapacityBytes = 6144;

        private readonly IPersistentStorage _storage;
        private readonly byte[] _buffer = new byte[DocumentCapacityBytes];
        private readonly JsonMessageReader _reader = new JsonMessageReader(ParameterTable.Count + 8);
        private readonly JsonMessageWriter _writer = new JsonMessageWriter(DocumentCapacityBytes);
        private readonly CduSettings _scratch = new CduSettings();
        private long _documentRevision;

        public ConfigurationStore(IPersistentStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Revision of the configuration in force (0: defaults never stored).</summary>
        public long Revision { get; private set; }

        /// <summary>Why the last load fell back to defaults (null when it did not).</summary>
        public string LoadError { get; private set; }

        /// <summary>Loads the stored configuration into <paramref name="target"/>; on any problem loads the defaults and returns false.</summary>
        public bool Load(CduSettings target)
        {
            LoadError = null;
            int length = _storage.Read(RecordName, _buffer);
            string error = length < 0 ? "configuration missing" : ReadDocument(_buffer, length, true, _scratch);
            if (error != null)
            {
                target.CopyFrom(new CduSettings());
                LoadError = error;
                Revision = 0;
                return false;
            }

            target.CopyFrom(_scratch);
            Revision = _documentRevision < 0 ? 0 : _documentRevision;
            return true;
        }

        /// <summary>
        /// Applies an update message (<paramref name="length"/> bytes of <paramref name="buffer"/>) to
        /// <paramref name="target"/> and stores it. A message with <c>formatVersion</c> is a whole document (import):
        /// every parameter must be present and a <c>crc32</c>, if present, must match. Returns null when applied, else
        /// the reason; nothing changes then.
        /// </summary>
        public string Apply(byte[] buffer, int length, CduSettings target, out long sequence)
        {
            sequence = -1;
            JsonError parse = _reader.Parse(buffer, 0, length);
            if (parse != JsonError.None)
            {
                return JsonErrorText.Describe(parse);
            }

            long seq;
            if (_reader.TryGetInteger("seq", out seq))
            {
                sequence = seq;
            }

            _scratch.CopyFrom(target);
            string error = Merge(_reader, buffer, length, false, _scratch);
            if (error != null)
            {
                return error;
            }

            // The stored document carries each value to 6 decimals: what goes in force is what it reads back as, so a
            // restart runs exactly the same configuration.
            long documentRevision = _documentRevision;
            JsonMessageWriter stored = Export(_scratch);
            error = stored.Overflowed ? "the configuration does not fit its record" : ReadDocument(stored.Buffer, stored.Length, true, _scratch);
            _documentRevision = documentRevision;
            if (error != null)
            {
                return error;
            }

            // Kept first, then put in force: what the controller runs is what it runs again after a restart.
            long previousRevision = Revision;
            Revision = (_documentRevision > Revision ? _documentRevision : Revision) + 1;
            if (!Save(_scratch))
            {
                Revision = previousRevision;
                return "the storage refused to keep it; the configuration in force is unchanged";
            }

            target.CopyFrom(_scratch);
            return null;
        }

        /// <summary>Stores <paramref name="settings"/> as the current revision.</summary>
        public bool Save(CduSettings settings)
        {
            JsonMessageWriter w = Export(settings);
            return !w.Overflowed && _storage.Write(RecordName, w.Buffer, w.Length);
        }

        /// <summary>The whole configuration as one CRC-sealed document (export); valid until the next call.</summary>
        public JsonMessageWriter Export(CduSettings settings)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("formatVersion", FormatVersion);
            w.WriteInteger("revision", Revision);
            for (int i = 0; i < ParameterTable.Count; i++)
            {
                w.WriteNumber(ParameterTable.Get(i).Name, settings.Get(i), 6);
            }

            ProtectedDocument.Seal(w);
            return w;
        }

        private string ReadDocument(byte[] buffer, int length, bool requireCrc, CduSettings into)
        {
            JsonError error = _reader.Parse(buffer, 0, length);
            if (error != JsonError.None)
            {
                return JsonErrorText.Describe(error);
            }

            into.CopyFrom(new CduSettings());
            return Merge(_reader, buffer, length, requireCrc, into);
        }

        private string Merge(JsonMessageReader reader, byte[] buffer, int length, bool requireCrc, CduSettings into)
        {
            _documentRevision = -1;
            long format;
            bool whole = reader.GetKind("formatVersion") != JsonValueKind.None;
            if (requireCrc && !whole)
            {
                return "formatVersion: missing (a stored configuration is a whole, sealed document)";
            }

            if (whole)
            {
                if (!reader.TryGetInteger("formatVersion", out format) || format != FormatVersion)
                {
                    return "formatVersion: this firmware reads format 1";
                }

                bool hasCrc = reader.GetKind(ProtectedDocument.CrcMember) != JsonValueKind.None;
                if ((requireCrc || hasCrc) && !ProtectedDocument.Verify(reader, buffer, length))
                {
                    return "crc32: the document is corrupt (CRC mismatch or missing)";
                }

                long revision;
                if (reader.TryGetInteger("revision", out revision) && revision >= 0)
                {
                    _documentRevision = revision;
                }
            }

            int known = 0;
            for (int i = 0; i < ParameterTable.Count; i++)
            {
                ParameterDefinition p = ParameterTable.Get(i);
                if (reader.GetKind(p.Name) == JsonValueKind.None)
                {
                    if (whole)
                    {
                        return p.Name + ": missing from the document";
                    }

                    continue;
                }

                double value;
                if (!reader.TryGetNumber(p.Name, out value) || !p.Accepts(value))
                {
                    return p.Name + ": must be a number within its range";
                }

                string hardLimit = HardLimits.Check(i, value);
                if (hardLimit != null)
                {
                    return hardLimit;
                }

                into.Set(i, value);
                known++;
            }

            for (int m = 0; m < reader.MemberCount; m++)
            {
                if (!IsEnvelopeMember(reader, m) && !IsParameter(reader, m))
                {
                    return "unknown member: not a parameter of this firmware";
                }
            }

            if (known == 0)
            {
                return "no parameters in the update";
            }

            return into.Validate();
        }

        private static bool IsEnvelopeMember(JsonMessageReader reader, int index)
        {
            return reader.MemberNameEquals(index, "v") || reader.MemberNameEquals(index, "seq") || reader.MemberNameEquals(index, "formatVersion")
                || reader.MemberNameEquals(index, "revision") || reader.MemberNameEquals(index, ProtectedDocument.CrcMember);
        }

        private static bool IsParameter(JsonMessageReader reader, int index)
        {
            for (int i = 0; i < ParameterTable.Count; i++)
            {
                if (reader.MemberNameEquals(index, ParameterTable.Get(i).Name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
