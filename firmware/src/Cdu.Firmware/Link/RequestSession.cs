using Cdu.Firmware.Config;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Link
{
    /// <summary>
    /// The supervisor's request session as the CDU knows it: the epoch (a session number the supervisor chooses, ≥ 1)
    /// and the last sequence number accepted within it. No single message can lock the supervisor out: within the
    /// epoch a sequence number may rise by at most <see cref="MaximumSequenceStep"/>; a higher epoch (by at most
    /// <see cref="MaximumEpochStep"/>) opens a new session whose first sequence number is at most
    /// <see cref="MaximumSequenceStep"/>; a lower epoch is stale. The acknowledgement reports the epoch and last sequence
    /// number, so a supervisor refused as stale opens an epoch above it and is obeyed again on its next request.
    /// The epoch is stored (a CRC-protected entry, written only when the epoch changes — not per request, to spare the
    /// flash), so a restart does not reopen older epochs; the sequence number restarts at 0 within the stored epoch.
    /// </summary>
    public sealed class RequestSession
    {
        public const string RecordName = "session.json";

        /// <summary>Largest rise of the sequence number from one accepted request to the next within an epoch (2^20).</summary>
        public const long MaximumSequenceStep = 1048576;

        /// <summary>Largest rise of the epoch from one session to the next (2^44 ≈ 557 years of Unix milliseconds).</summary>
        public const long MaximumEpochStep = 17592186044416;

        /// <summary>
        /// Highest epoch accepted (2^53 − 1, the largest integer every JSON implementation reads exactly): from a Unix
        /// time in milliseconds it leaves room for hundreds of further sessions, each at most <see cref="MaximumEpochStep"/> higher.
        /// </summary>
        public const long MaximumEpoch = 9007199254740991;

        private readonly IPersistentStorage _storage;
        private readonly byte[] _buffer = new byte[256];
        private readonly JsonMessageReader _reader = new JsonMessageReader();
        private readonly JsonMessageWriter _writer = new JsonMessageWriter(256);
        private long _epoch;
        private long _lastSequence;

        public RequestSession(IPersistentStorage storage)
        {
            _storage = storage;
        }

        /// <summary>The current epoch (0 before any request was accepted).</summary>
        public long Epoch { get { return _epoch; } }

        /// <summary>Sequence number of the last request accepted in the current epoch (0 when none since the epoch opened or the CDU started).</summary>
        public long LastSequence { get { return _lastSequence; } }

        /// <summary>Loads the stored epoch; false (epoch 0) when missing or corrupt.</summary>
        public bool Load()
        {
            int length = _storage.Read(RecordName, _buffer);
            long epoch;
            if (length < 0 || _reader.Parse(_buffer, 0, length) != JsonError.None || !ProtectedDocument.Verify(_reader, _buffer, length)
                || !_reader.TryGetInteger("epoch", out epoch) || epoch < 0 || epoch > MaximumEpoch)
            {
                return false;
            }

            _epoch = epoch;
            _lastSequence = 0;
            return true;
        }

        /// <summary>Null when a request of <paramref name="epoch"/> and <paramref name="sequence"/> may be accepted, else why not.</summary>
        public string Check(long epoch, long sequence)
        {
            if (epoch < _epoch)
            {
                return SetpointReasons.StaleEpoch;
            }

            if (epoch > _epoch)
            {
                if (epoch - _epoch > MaximumEpochStep)
                {
                    return SetpointReasons.EpochJumpTooLarge;
                }

                return sequence > MaximumSequenceStep ? SetpointReasons.SequenceJumpTooLarge : null;
            }

            if (sequence == _lastSequence)
            {
                return SetpointReasons.ReplayedSequence;
            }

            if (sequence < _lastSequence)
            {
                return SetpointReasons.StaleSequence;
            }

            return sequence - _lastSequence > MaximumSequenceStep ? SetpointReasons.SequenceJumpTooLarge : null;
        }

        /// <summary>Records an accepted request (checked with <see cref="Check"/>); stores the epoch when it changed.</summary>
        public void Accept(long epoch, long sequence)
        {
            bool opened = epoch != _epoch;
            _epoch = epoch;
            _lastSequence = sequence;
            if (opened)
            {
                Save();
            }
        }

        private void Save()
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("formatVersion", 1);
            w.WriteInteger("epoch", _epoch);
            ProtectedDocument.Seal(w);
            if (!w.Overflowed)
            {
                _storage.Write(RecordName, w.Buffer, w.Length);
            }
        }
    }
}
