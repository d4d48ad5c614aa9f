namespace Cdu.Firmware.Link
{
    /// <summary>The outcome of one setpoint request, written back as its acknowledgement. Reused; never allocated per request.</summary>
    public sealed class SetpointDecision
    {
        /// <summary>Sequence number of the request, or −1 when it could not be read.</summary>
        public long Sequence { get; set; }

        public SetpointStatus Status { get; set; }

        /// <summary>The CDU's request epoch after the decision (the supervisor's session it follows; 0 before any).</summary>
        public long SessionEpoch { get; set; }

        /// <summary>Sequence number of the last request accepted in <see cref="SessionEpoch"/> after the decision.</summary>
        public long SessionLastSequence { get; set; }

        /// <summary>Fixed English text: why the request was clamped or rejected; "as requested" when accepted.</summary>
        public string Reason { get; set; }

        /// <summary>Requested supply temperature, °C; NaN when the request carried none that could be read.</summary>
        public double RequestedSupplyTemperatureCelsius { get; set; }

        /// <summary>The supply-temperature target now in force, °C (after clamping; unchanged when rejected).</summary>
        public double AppliedSupplyTemperatureCelsius { get; set; }

        /// <summary>Requested secondary ΔP, kPa; NaN when the request carried none.</summary>
        public double RequestedDeltaPressureKpa { get; set; }

        /// <summary>The ΔP target now in force, kPa (leased and clamped, or the local setpoint); NaN when the pumps hold flow.</summary>
        public double AppliedDeltaPressureKpa { get; set; }

        /// <summary>Fixed English text: what became of the ΔP part of the request.</summary>
        public string DeltaPressureReason { get; set; }

        /// <summary>Lease granted, s; 0 when rejected.</summary>
        public int LeaseSeconds { get; set; }
    }
}
