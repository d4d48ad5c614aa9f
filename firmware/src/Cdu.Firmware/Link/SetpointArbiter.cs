using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Link
{
    /// <summary>
    /// Decides what a supervisor's setpoint request may change. A request is a wish: it must carry contract
    /// version 1, an epoch and sequence number its <see cref="RequestSession"/> accepts, a lease within the allowed
    /// range and a supply temperature; the firmware clamps that temperature to its envelope (minimum, maximum, dew point +
    /// margin) and grants the lease. An optional secondary ΔP is clamped to the ΔP envelope (ignored while the pumps
    /// hold flow). When no lease is in force the targets are the local fallback setpoints.
    /// </summary>
    public sealed class SetpointArbiter
    {
        private readonly CduSettings _settings;
        private readonly RequestSession _session;
        private long _leaseExpiresAtMilliseconds;
        private bool _leaseActive;
        private bool _everLeased;
        private double _requestedTargetCelsius;
        private double _itLoadKilowatts;
        private double _wishedCelsius;
        private double _requestedDeltaPressureKpa = double.NaN;

        /// <summary>An arbiter whose request session is not stored (it starts at epoch 0 after every restart).</summary>
        public SetpointArbiter(CduSettings settings)
            : this(settings, new RequestSession(new Config.VolatileStorage()))
        {
        }

        public SetpointArbiter(CduSettings settings, RequestSession session)
        {
            _settings = settings;
            _session = session;
            _requestedTargetCelsius = settings.Supply.FallbackSetpointCelsius;
        }

        /// <summary>True while a supervisor lease is in force.</summary>
        public bool LeaseActive { get { return _leaseActive; } }

        /// <summary>True when a lease was granted once and has since expired (fallback).</summary>
        public bool LeaseLost { get { return _everLeased && !_leaseActive; } }

        /// <summary>Sequence number of the last accepted request in the current epoch (0 before any).</summary>
        public long LastSequence { get { return _session.LastSequence; } }

        /// <summary>The supervisor's session whose requests the CDU follows (0 before any).</summary>
        public long Epoch { get { return _session.Epoch; } }

        /// <summary>Milliseconds left on the lease at <paramref name="nowMilliseconds"/>; 0 when none.</summary>
        public long LeaseRemainingMilliseconds(long nowMilliseconds)
        {
            if (!_leaseActive)
            {
                return 0;
            }

            long remaining = _leaseExpiresAtMilliseconds - nowMilliseconds;
            return remaining > 0 ? remaining : 0;
        }

        /// <summary>
        /// The supervisor gives its lease back (an operator's <c>releaseLease</c> command): the local setpoints take over
        /// at once, as before any lease — not Fallback, which is for a lease that ran out. The sequence number stays, so a
        /// stale request cannot take the lease again. Returns true when a lease was in force or had been lost.
        /// </summary>
        public bool Release()
        {
            bool had = _leaseActive || _everLeased;
            _leaseActive = false;
            _everLeased = false;
            return had;
        }

        /// <summary>Expires the lease when its time is up. Returns true on the cycle the lease expires.</summary>
        public bool Tick(long nowMilliseconds)
        {
            if (_leaseActive && nowMilliseconds >= _leaseExpiresAtMilliseconds)
            {
                _leaseActive = false;
                return true;
            }

            return false;
        }

        /// <summary>The supply-temperature target before the dew-point guard: the leased request, or the local fallback, °C.</summary>
        public double RequestedSupplyTemperatureCelsius
        {
            get { return _leaseActive ? _requestedTargetCelsius : _settings.Supply.FallbackSetpointCelsius; }
        }

        /// <summary>True when dew point + margin lifts the target above what was wished (the leased request as sent, or the fallback).</summary>
        public bool LimitedByDewPoint(double dewPointCelsius)
        {
            double wished = _leaseActive ? _wishedCelsius : _settings.Supply.FallbackSetpointCelsius;
            return wished < dewPointCelsius + _settings.Supply.DewPointMarginKelvin;
        }

        /// <summary>IT load the supervisor announced with its last accepted request, kW (0 when none or no lease).</summary>
        public double AnnouncedItLoadKilowatts
        {
            get { return _leaseActive ? _itLoadKilowatts : 0; }
        }

        /// <summary>
        /// The supply-temperature target in force, °C: the supervisor's (clamped) request under a lease, else the
        /// local fallback, and in both cases never below dew point + margin.
        /// </summary>
        public double TargetSupplyTemperatureCelsius(double dewPointCelsius)
        {
            double target = _leaseActive ? _requestedTargetCelsius : _settings.Supply.FallbackSetpointCelsius;
            double floor = dewPointCelsius + _settings.Supply.DewPointMarginKelvin;
            return target < floor ? floor : target;
        }

        /// <summary>
        /// The secondary ΔP target in force, kPa: the supervisor's (clamped) request under a lease when it carried one,
        /// else the local setpoint <c>pump.deltaPressureSetpointKpa</c>.
        /// </summary>
        public double TargetDeltaPressureKpa
        {
            get { return _leaseActive && !double.IsNaN(_requestedDeltaPressureKpa) ? _requestedDeltaPressureKpa : _settings.Pump.DeltaPressureSetpointKpa; }
        }

        private double AppliedDeltaPressureKpa
        {
            get { return _settings.Pump.ControlVariable == 1 ? double.NaN : TargetDeltaPressureKpa; }
        }

        /// <summary>
        /// Decides on a parsed request (<paramref name="reader"/> holds it) and, unless rejected, applies it.
        /// <paramref name="decision"/> receives what to acknowledge.
        /// </summary>
        public void Decide(JsonMessageReader reader, long nowMilliseconds, double dewPointCelsius, SetpointDecision decision)
        {
            decision.RequestedSupplyTemperatureCelsius = double.NaN;
            decision.RequestedDeltaPressureKpa = double.NaN;
            decision.LeaseSeconds = 0;
            decision.AppliedSupplyTemperatureCelsius = TargetSupplyTemperatureCelsius(dewPointCelsius);
            decision.AppliedDeltaPressureKpa = AppliedDeltaPressureKpa;
            decision.DeltaPressureReason = SetpointReasons.DeltaPressureNotRequested;

            long sequence;
            if (!reader.TryGetInteger("seq", out sequence) || sequence < 1)
            {
                Reject(decision, -1, SetpointReasons.MissingSequence);
                return;
            }

            long version;
            if (!reader.TryGetInteger("v", out version) || version != 1)
            {
                Reject(decision, sequence, SetpointReasons.UnsupportedVersion);
                return;
            }

            double requested;
            if (!reader.TryGetNumber("supplyTemperatureCelsius", out requested))
            {
                Reject(decision, sequence, SetpointReasons.MissingSupplyTemperature);
                return;
            }

            decision.RequestedSupplyTemperatureCelsius = requested;
            double deltaPressure = double.NaN;
            JsonValueKind deltaPressureKind = reader.GetKind("deltaPressureKpa");
            if (deltaPressureKind != JsonValueKind.None && deltaPressureKind != JsonValueKind.Null)
            {
                if (!reader.TryGetNumber("deltaPressureKpa", out deltaPressure))
                {
                    Reject(decision, sequence, SetpointReasons.InvalidDeltaPressure);
                    return;
                }

                decision.RequestedDeltaPressureKpa = deltaPressure;
            }

            long lease;
            if (!reader.TryGetInteger("leaseSeconds", out lease))
            {
                Reject(decision, sequence, SetpointReasons.MissingLease);
                return;
            }

            if (lease < _settings.Lease.MinimumSeconds || lease > _settings.Lease.MaximumSeconds)
            {
                Reject(decision, sequence, SetpointReasons.LeaseOutOfRange);
                return;
            }

            long epoch;
            if (!reader.TryGetInteger("epoch", out epoch) || epoch < 1 || epoch > RequestSession.MaximumEpoch)
            {
                Reject(decision, sequence, SetpointReasons.MissingEpoch);
                return;
            }

            string refusal = _session.Check(epoch, sequence);
            if (refusal != null)
            {
                Reject(decision, sequence, refusal);
                return;
            }

            double applied = requested;
            SetpointStatus status = SetpointStatus.Accepted;
            string reason = SetpointReasons.AsRequested;
            if (applied > _settings.Supply.MaximumSetpointCelsius)
            {
                applied = _settings.Supply.MaximumSetpointCelsius;
                status = SetpointStatus.Clamped;
                reason = SetpointReasons.AboveMaximum;
            }
            else if (applied < _settings.Supply.MinimumSetpointCelsius)
            {
                applied = _settings.Supply.MinimumSetpointCelsius;
                status = SetpointStatus.Clamped;
                reason = SetpointReasons.BelowMinimum;
            }

            double floor = dewPointCelsius + _settings.Supply.DewPointMarginKelvin;
            if (applied < floor)
            {
                applied = floor;
                status = SetpointStatus.Clamped;
                reason = SetpointReasons.BelowDewPoint;
            }

            double appliedDeltaPressure = double.NaN;
            string deltaPressureReason = SetpointReasons.DeltaPressureNotRequested;
            bool deltaPressureClamped = false;
            if (!double.IsNaN(deltaPressure))
            {
                if (_settings.Pump.ControlVariable == 1)
                {
                    deltaPressureReason = SetpointReasons.DeltaPressureIgnoredHoldingFlow;
                    deltaPressureClamped = true;
                }
                else if (deltaPressure > _settings.Pump.DeltaPressureMaximumKpa)
                {
                    appliedDeltaPressure = _settings.Pump.DeltaPressureMaximumKpa;
                    deltaPressureReason = SetpointReasons.DeltaPressureAboveMaximum;
                    deltaPressureClamped = true;
                }
                else if (deltaPressure < _settings.Pump.DeltaPressureMinimumKpa)
                {
                    appliedDeltaPressure = _settings.Pump.DeltaPressureMinimumKpa;
                    deltaPressureReason = SetpointReasons.DeltaPressureBelowMinimum;
                    deltaPressureClamped = true;
                }
                else
                {
                    appliedDeltaPressure = deltaPressure;
                    deltaPressureReason = SetpointReasons.AsRequested;
                }
            }

            if (deltaPressureClamped && status == SetpointStatus.Accepted)
            {
                status = SetpointStatus.Clamped;
                reason = deltaPressureReason;
            }

            double itLoad;
            _itLoadKilowatts = reader.TryGetNumber("itLoadKilowatts", out itLoad) && itLoad >= 0 && itLoad <= 100000 ? itLoad : 0;
            _session.Accept(epoch, sequence);
            _wishedCelsius = requested;
            _requestedTargetCelsius = applied;
            _requestedDeltaPressureKpa = appliedDeltaPressure;
            _leaseActive = true;
            _everLeased = true;
            _leaseExpiresAtMilliseconds = nowMilliseconds + lease * 1000;

            decision.Sequence = sequence;
            decision.Status = status;
            decision.Reason = reason;
            decision.AppliedSupplyTemperatureCelsius = applied;
            decision.AppliedDeltaPressureKpa = AppliedDeltaPressureKpa;
            decision.DeltaPressureReason = deltaPressureReason;
            decision.LeaseSeconds = (int)lease;
            decision.SessionEpoch = _session.Epoch;
            decision.SessionLastSequence = _session.LastSequence;
        }

        /// <summary>Fills <paramref name="decision"/> as a rejection of an unreadable message; nothing changes.</summary>
        public void RejectUnreadable(string reason, double dewPointCelsius, SetpointDecision decision)
        {
            decision.RequestedSupplyTemperatureCelsius = double.NaN;
            decision.RequestedDeltaPressureKpa = double.NaN;
            decision.LeaseSeconds = 0;
            decision.AppliedSupplyTemperatureCelsius = TargetSupplyTemperatureCelsius(dewPointCelsius);
            decision.AppliedDeltaPressureKpa = AppliedDeltaPressureKpa;
            decision.DeltaPressureReason = SetpointReasons.DeltaPressureNotRequested;
            Reject(decision, -1, reason);
        }

        private void Reject(SetpointDecision decision, long sequence, string reason)
        {
            decision.SessionEpoch = _session.Epoch;
            decision.SessionLastSequence = _session.LastSequence;
            decision.Sequence = sequence;
            decision.Status = SetpointStatus.Rejected;
            decision.Reason = reason;
            decision.DeltaPressureReason = reason;
            decision.LeaseSeconds = 0;
        }
    }
}
