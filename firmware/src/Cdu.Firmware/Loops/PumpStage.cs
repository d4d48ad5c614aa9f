using Cdu.Firmware.Control;
using Cdu.Firmware.Io;
using Cdu.Firmware.Modes;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Loops
{
    /// <summary>
    /// The cycle's pump stage: the working ΔP setpoint ramped towards its target, the pump speed loop (on ΔP, or on
    /// flow when configured so), and the pump group that turns the speed into run and speed commands, with lead and
    /// standby, failover on a failed lead and ΔP collapse detection.
    /// </summary>
    public sealed class PumpStage
    {
        private readonly PumpSpeedLoop _loop;
        private readonly RateLimiter _deltaPressureRamp = new RateLimiter(1);

        public PumpStage(CduSettings settings)
        {
            _loop = new PumpSpeedLoop(settings);
        }

        public PumpSpeedLoop Loop { get { return _loop; } }

        /// <summary>The ΔP setpoint the pump loop works on now, kPa.</summary>
        public double EffectiveDeltaPressureSetpointKpa { get { return _deltaPressureRamp.Value; } }

        public void Configure(CduSettings settings)
        {
            _loop.Configure(settings);
            _deltaPressureRamp.RatePerSecond = settings.Pump.DeltaPressureSlewKpaPerSecond;
        }

        /// <summary>
        /// One cycle: with <paramref name="run"/> the loop works and the group runs the pumps; without, the pumps stop,
        /// the loop restarts at the minimum speed and the working ΔP setpoint waits at the target, so a restart aims at
        /// it directly. Returns the pump that failed this cycle (−1: none).
        /// </summary>
        public int Update(bool run, bool flowProven, double targetDeltaPressureKpa, double feedforwardPercent, OperatorOverrides overrides,
            SensorSuite sensors, CduInputs inputs, PumpGroup pumps, CduSettings s, double dt, long now, CduOutputs outputs)
        {
            bool holdsFlow = _loop.HoldsFlow;
            double deltaPressureSetpoint;
            if (run)
            {
                deltaPressureSetpoint = _deltaPressureRamp.Update(targetDeltaPressureKpa, dt);
            }
            else
            {
                _deltaPressureRamp.Reset(targetDeltaPressureKpa);
                deltaPressureSetpoint = _deltaPressureRamp.Value;
            }

            double pumpSetpoint = holdsFlow ? s.Pump.FlowSetpointLitersPerMinute : deltaPressureSetpoint;
            int pumpChannel = holdsFlow ? SensorSuite.Flow : SensorSuite.DeltaPressure;
            double pumpMeasurement = holdsFlow ? sensors.FlowLitersPerMinute : sensors.DeltaPressureKpa;
            bool pumpMeasurementValid = sensors.Valid(pumpChannel);
            double speed = run
                ? _loop.Update(pumpSetpoint, pumpMeasurement, pumpMeasurementValid, feedforwardPercent,
                    overrides.PumpManual, overrides.PumpManualPercent, s.Pump.SafeSpeedPercent, pumps.Rotating, dt)
                : 0;
            if (!run)
            {
                _loop.Restart(s.Pump.MinimumSpeedPercent);
            }

            // ΔP collapse means a failed lead only once ΔP has been established (flow proven), not while the pumps spin up.
            bool collapsed = flowProven && !holdsFlow && pumpMeasurementValid && sensors.DeltaPressureKpa < s.Pump.DeltaPressureCollapseFraction * deltaPressureSetpoint;
            return pumps.Update(run, speed, inputs, s, collapsed, dt, now, outputs);
        }
    }
}
