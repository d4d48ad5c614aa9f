using Cdu.Firmware.Io;
using Cdu.Firmware.Pumps;

namespace Cdu.Firmware.Tests.Pumps;

public sealed class PumpGroupTests
{
    // Detection 1 s: the start-up grace for speed feedback and ΔP collapse is 2 × 1 s + 1 s = 3 s after a pump starts.
    private const long Grace = 3_000;
    private const long Detect = 1_000;

    private sealed class Rig
    {
        public PumpGroup Group { get; } = new();
        public CduInputs Inputs { get; } = new();
        public CduOutputs Outputs { get; } = new();
        public CduSettings Settings { get; } = new()
        {
            Pump =
            {
                FailureDetectSeconds = 1.0,
                SpeedFeedbackFraction = 0.5,
                RotationHours = 168,
                RotationOverlapSeconds = 10,
            },
        };

        /// <summary>Pumps whose speed feedback reads 0 whatever they are commanded.</summary>
        public bool[] Stalled { get; } = new bool[CduInputs.MaximumPumps];

        /// <summary>One cycle at <paramref name="at"/>; speed feedback follows the previous cycle's commands.</summary>
        public int Step(long at, bool run = true, double speed = 80, bool collapsed = false, double sampleSeconds = 0.1)
        {
            for (var i = 0; i < CduInputs.MaximumPumps; i++)
            {
                Inputs.PumpSpeedFeedbackPercent[i] = Outputs.PumpRunCommand[i] && !Stalled[i] ? Outputs.PumpSpeedCommandPercent[i] : 0;
            }

            return Group.Update(run, speed, Inputs, Settings, collapsed, sampleSeconds, at, Outputs);
        }

        /// <summary>Cycles every 100 ms from <paramref name="from"/> to <paramref name="to"/> inclusive; returns the failures reported.</summary>
        public List<(long At, int Pump)> Run(long from, long to, bool run = true, double speed = 80, bool collapsed = false)
        {
            var failures = new List<(long, int)>();
            for (var t = from; t <= to; t += 100)
            {
                var failed = Step(t, run, speed, collapsed);
                if (failed >= 0)
                {
                    failures.Add((t, failed));
                }
            }

            return failures;
        }
    }

    [Fact]
    public void A_new_group_has_two_pumps_on_standby_with_pump_1_as_lead()
    {
        var group = new PumpGroup();

        Assert.Equal(2, group.Count);
        Assert.Equal(0, group.Lead);
        Assert.False(group.Rotating);
        Assert.True(group.StandbyAvailable);
        Assert.True(group.LeadAvailable);
        Assert.Equal(0, group.Failovers);
        Assert.Equal(0, group.Rotations);
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            Assert.Equal(PumpState.Standby, group.State(i));
            Assert.Equal(0, group.RunHours(i));
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(7, 4)]
    public void Configure_keeps_the_pump_count_between_one_and_the_maximum(int requested, int expected)
    {
        var group = new PumpGroup();
        group.Configure(requested);

        Assert.Equal(expected, group.Count);
        Assert.Equal(expected > 1, group.StandbyAvailable);
    }

    [Fact]
    public void Running_starts_only_the_lead_at_the_demanded_speed()
    {
        var rig = new Rig();

        Assert.Equal(-1, rig.Step(0, speed: 65));

        Assert.Equal(PumpState.Running, rig.Group.State(0));
        Assert.Equal(PumpState.Standby, rig.Group.State(1));
        Assert.True(rig.Outputs.PumpRunCommand[0]);
        Assert.Equal(65, rig.Outputs.PumpSpeedCommandPercent[0]);
        for (var i = 1; i < CduInputs.MaximumPumps; i++)
        {
            Assert.False(rig.Outputs.PumpRunCommand[i]);
            Assert.Equal(0, rig.Outputs.PumpSpeedCommandPercent[i]);
        }
    }

    [Fact]
    public void Not_running_stops_every_pump()
    {
        var rig = new Rig();
        rig.Run(0, 1_000);

        rig.Step(1_100, run: false);

        Assert.All(rig.Outputs.PumpRunCommand, Assert.False);
        Assert.All(rig.Outputs.PumpSpeedCommandPercent, s => Assert.Equal(0, s));
        Assert.Equal(PumpState.Standby, rig.Group.State(0));
        Assert.Equal(0, rig.Group.Lead);
    }

    [Fact]
    public void A_fault_contact_fails_the_lead_over_after_200_ms_even_during_the_start_up_grace()
    {
        var rig = new Rig();
        rig.Run(0, 500);
        rig.Inputs.PumpFault[0] = true;

        Assert.Equal(-1, rig.Step(600));
        Assert.Equal(-1, rig.Step(799));
        Assert.Equal(PumpState.Running, rig.Group.State(0));

        Assert.Equal(0, rig.Step(800, speed: 72));
        Assert.Equal(PumpState.Failed, rig.Group.State(0));
        Assert.Equal(PumpState.Running, rig.Group.State(1));
        Assert.Equal(1, rig.Group.Lead);
        Assert.Equal(1, rig.Group.Failovers);
        Assert.False(rig.Outputs.PumpRunCommand[0]);
        Assert.True(rig.Outputs.PumpRunCommand[1]);
        Assert.Equal(72, rig.Outputs.PumpSpeedCommandPercent[1]); // the standby takes over at once at the lead's speed
        Assert.False(rig.Group.StandbyAvailable);
        Assert.True(rig.Group.LeadAvailable);
    }

    [Fact]
    public void A_fault_contact_uses_the_detection_time_when_that_is_shorter_than_200_ms()
    {
        var rig = new Rig();
        rig.Settings.Pump.FailureDetectSeconds = 0.1;
        rig.Step(0);
        rig.Inputs.PumpFault[0] = true;
        rig.Step(1_000);

        Assert.Equal(-1, rig.Step(1_099));
        Assert.Equal(0, rig.Step(1_100));
    }

    [Fact]
    public void A_bouncing_fault_contact_shorter_than_200_ms_is_not_a_failure()
    {
        var rig = new Rig();
        rig.Run(0, 5_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(5_100, 5_200);
        rig.Inputs.PumpFault[0] = false;
        rig.Step(5_300);
        rig.Inputs.PumpFault[0] = true;

        Assert.Empty(rig.Run(5_400, 5_500));
        Assert.Equal(0, rig.Step(5_600));
    }

    [Fact]
    public void Lost_speed_feedback_fails_the_lead_over_exactly_one_detection_time_after_the_start_up_grace()
    {
        var rig = new Rig();
        rig.Stalled[0] = true;

        var failures = rig.Run(10_000, 10_000 + Grace + Detect - 100);
        Assert.Empty(failures);
        Assert.Equal(-1, rig.Step(10_000 + Grace + Detect - 1));

        Assert.Equal(0, rig.Step(10_000 + Grace + Detect));
        Assert.Equal(1, rig.Group.Lead);
        Assert.True(rig.Outputs.PumpRunCommand[1]);
    }

    [Fact]
    public void Speed_feedback_lost_after_start_up_is_detected_in_the_detection_time()
    {
        var rig = new Rig();
        rig.Run(0, 10_000);
        rig.Stalled[0] = true;

        Assert.Empty(rig.Run(10_100, 11_000)); // the first stalled reading comes at 10.1 s (the command of 10.0 s)
        Assert.Equal(0, rig.Step(11_100));
    }

    [Fact]
    public void Speed_feedback_exactly_at_the_fraction_of_the_command_is_not_a_failure()
    {
        var rig = new Rig();
        rig.Run(0, 5_000, speed: 80);

        for (var t = 5_100L; t <= 20_000; t += 100)
        {
            rig.Inputs.PumpSpeedFeedbackPercent[0] = 40; // 0.5 × 80
            Assert.Equal(-1, rig.Group.Update(true, 80, rig.Inputs, rig.Settings, false, 0.1, t, rig.Outputs));
        }

        rig.Inputs.PumpSpeedFeedbackPercent[0] = 39.9;
        rig.Group.Update(true, 80, rig.Inputs, rig.Settings, false, 0.1, 20_100, rig.Outputs);
        Assert.Equal(0, rig.Group.Update(true, 80, rig.Inputs, rig.Settings, false, 0.1, 21_100, rig.Outputs));
    }

    [Fact]
    public void A_collapsed_delta_pressure_fails_the_lead_over_after_the_grace_and_the_detection_time()
    {
        var rig = new Rig();

        Assert.Empty(rig.Run(0, Grace + Detect - 100, collapsed: true));
        Assert.Equal(-1, rig.Step(Grace + Detect - 1, collapsed: true));
        Assert.Equal(0, rig.Step(Grace + Detect, collapsed: true));
        Assert.Equal(1, rig.Group.Lead);
    }

    [Fact]
    public void A_delta_pressure_dip_shorter_than_the_detection_time_restarts_the_detection()
    {
        var rig = new Rig();
        rig.Run(0, 5_000);
        rig.Run(5_100, 5_900, collapsed: true);
        rig.Step(6_000);

        Assert.Empty(rig.Run(6_100, 7_000, collapsed: true));
        Assert.Equal(0, rig.Step(7_100, collapsed: true));
    }

    [Fact]
    public void The_new_lead_gets_its_own_start_up_grace_after_a_failover()
    {
        var rig = new Rig();
        rig.Run(0, 5_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(5_100, 5_300); // pump 2 starts at 5.3 s
        Assert.Equal(1, rig.Group.Lead);

        Assert.Empty(rig.Run(5_400, 5_300 + Grace + Detect - 100, collapsed: true));
        Assert.Equal(1, rig.Step(5_300 + Grace + Detect, collapsed: true));
        Assert.Equal(PumpState.Failed, rig.Group.State(1));
    }

    [Fact]
    public void Without_a_standby_the_failed_lead_stays_failed_and_nothing_runs()
    {
        var rig = new Rig();
        rig.Group.Configure(1);
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;

        var failures = rig.Run(1_100, 3_000);

        Assert.Equal((1_300L, 0), Assert.Single(failures));
        Assert.Equal(0, rig.Group.Lead);
        Assert.Equal(PumpState.Failed, rig.Group.State(0));
        Assert.False(rig.Group.LeadAvailable);
        Assert.False(rig.Group.StandbyAvailable);
        Assert.All(rig.Outputs.PumpRunCommand, Assert.False);
        Assert.Equal(1, rig.Group.Failovers);
    }

    [Fact]
    public void A_stopped_group_does_not_fail_pumps_over()
    {
        var rig = new Rig();
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Stalled[0] = true;

        Assert.Empty(rig.Run(1_100, 10_000, run: false, collapsed: true));
        Assert.Equal(0, rig.Group.Failovers);
        Assert.Equal(PumpState.Standby, rig.Group.State(0));
    }

    [Fact]
    public void A_failed_pump_rejoins_as_standby_only_after_a_reset_with_its_fault_contact_clear()
    {
        var rig = new Rig();
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(1_100, 2_000);
        Assert.Equal(PumpState.Failed, rig.Group.State(0));

        rig.Group.Reset(rig.Inputs);
        Assert.Equal(PumpState.Failed, rig.Group.State(0));
        Assert.False(rig.Group.StandbyAvailable);

        rig.Inputs.PumpFault[0] = false;
        rig.Group.Reset(rig.Inputs);
        Assert.Equal(PumpState.Standby, rig.Group.State(0));
        Assert.Equal(PumpState.Running, rig.Group.State(1));
        Assert.True(rig.Group.StandbyAvailable);
        rig.Step(2_100);
        Assert.False(rig.Outputs.PumpRunCommand[0]);

        // The re-staged pump is the standby for the next failover.
        rig.Inputs.PumpFault[1] = true;
        rig.Run(2_200, 2_400);
        Assert.Equal(0, rig.Group.Lead);
        Assert.True(rig.Outputs.PumpRunCommand[0]);
        Assert.Equal(2, rig.Group.Failovers);
    }

    [Fact]
    public void When_every_pump_has_failed_a_reset_pump_takes_over_as_lead_on_the_next_cycle()
    {
        var rig = new Rig();
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(1_100, 1_300);
        rig.Inputs.PumpFault[1] = true;
        rig.Run(1_400, 2_000);
        Assert.Equal(1, rig.Group.Lead);
        Assert.False(rig.Group.LeadAvailable);
        Assert.All(rig.Outputs.PumpRunCommand, Assert.False);

        rig.Inputs.PumpFault[0] = false;
        rig.Group.Reset(rig.Inputs);
        rig.Step(2_100);

        Assert.Equal(0, rig.Group.Lead);
        Assert.Equal(PumpState.Running, rig.Group.State(0));
        Assert.Equal(PumpState.Failed, rig.Group.State(1));
        Assert.True(rig.Outputs.PumpRunCommand[0]);
        Assert.False(rig.Outputs.PumpRunCommand[1]);
    }

    [Fact]
    public void A_reset_leaves_pumps_beyond_the_configured_count_alone()
    {
        var rig = new Rig();
        rig.Group.Configure(3);
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(1_100, 1_300);
        rig.Inputs.PumpFault[1] = true;
        rig.Run(1_400, 1_600);
        Assert.Equal(2, rig.Group.Lead);

        rig.Group.Configure(1); // the lead is beyond the new count: back to pump 1
        Assert.Equal(0, rig.Group.Lead);
        rig.Inputs.PumpFault[0] = false;
        rig.Inputs.PumpFault[1] = false;
        rig.Group.Reset(rig.Inputs);

        Assert.Equal(PumpState.Standby, rig.Group.State(0));
        Assert.Equal(PumpState.Failed, rig.Group.State(1));
    }

    [Fact]
    public void Configure_moves_the_lead_back_to_pump_1_when_it_is_no_longer_installed()
    {
        var rig = new Rig();
        rig.Group.Configure(3);
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(1_100, 1_300);
        Assert.Equal(1, rig.Group.Lead);

        rig.Group.Configure(2);
        Assert.Equal(1, rig.Group.Lead);
        rig.Group.Configure(1);
        Assert.Equal(0, rig.Group.Lead);
    }

    [Fact]
    public void Failover_picks_the_next_pump_in_turn()
    {
        var rig = new Rig();
        rig.Group.Configure(4);
        rig.Run(0, 1_000);
        rig.Inputs.PumpFault[0] = true;
        rig.Run(1_100, 1_300);
        Assert.Equal(1, rig.Group.Lead);

        rig.Inputs.PumpFault[1] = true;
        rig.Run(1_400, 1_600);
        Assert.Equal(2, rig.Group.Lead);
        rig.Inputs.PumpFault[0] = false;
        rig.Group.Reset(rig.Inputs);
        rig.Inputs.PumpFault[2] = true;
        rig.Run(1_700, 1_900);
        Assert.Equal(3, rig.Group.Lead);

        rig.Inputs.PumpFault[3] = true;
        rig.Run(2_000, 2_200);
        Assert.Equal(0, rig.Group.Lead); // wraps round to the re-staged pump 1
        Assert.True(rig.Group.LeadAvailable);
        Assert.False(rig.Group.StandbyAvailable);
    }

    [Fact]
    public void The_lead_rotates_when_its_run_hours_exceed_the_standbys_by_exactly_the_rotation_hours()
    {
        var rig = new Rig();
        rig.Group.SetRunHours(0, 200);
        rig.Group.SetRunHours(1, 32);

        rig.Step(5_000, speed: 70);

        Assert.True(rig.Group.Rotating);
        Assert.True(rig.Outputs.PumpRunCommand[0]);
        Assert.True(rig.Outputs.PumpRunCommand[1]);
        Assert.Equal(70, rig.Outputs.PumpSpeedCommandPercent[1]);
        Assert.Equal(PumpState.Running, rig.Group.State(1));
    }

    [Fact]
    public void The_lead_does_not_rotate_just_below_the_rotation_hours()
    {
        var rig = new Rig();
        rig.Group.SetRunHours(0, 199.99);
        rig.Group.SetRunHours(1, 32);

        rig.Step(5_000);

        Assert.False(rig.Group.Rotating);
        Assert.False(rig.Outputs.PumpRunCommand[1]);
    }

    [Fact]
    public void Both_pumps_run_for_the_overlap_then_the_old_lead_stops()
    {
        var rig = new Rig();
        rig.Group.SetRunHours(0, 168);
        rig.Run(5_000, 14_900);
        rig.Step(14_999);

        Assert.True(rig.Group.Rotating);
        Assert.Equal(0, rig.Group.Lead);
        Assert.True(rig.Outputs.PumpRunCommand[0] && rig.Outputs.PumpRunCommand[1]);

        rig.Step(15_000);

        Assert.False(rig.Group.Rotating);
        Assert.Equal(1, rig.Group.Lead);
        Assert.Equal(1, rig.Group.Rotations);
        Assert.Equal(PumpState.Standby, rig.Group.State(0));
        Assert.False(rig.Outputs.PumpRunCommand[0]);
        Assert.True(rig.Outputs.PumpRunCommand[1]);
        Assert.Equal(0, rig.Group.Failovers);
    }

    [Fact]
    public void A_stop_during_a_rotation_cancels_it()
    {
        var rig = new Rig();
        rig.Group.SetRunHours(0, 168);
        rig.Step(0);
        Assert.True(rig.Group.Rotating);

        rig.Run(100, 30_000, run: false);

        Assert.False(rig.Group.Rotating);
        Assert.Equal(0, rig.Group.Rotations);
        Assert.Equal(0, rig.Group.Lead);
        Assert.All(rig.Outputs.PumpRunCommand, Assert.False);
    }

    [Fact]
    public void Run_hours_count_only_for_installed_pumps_that_were_commanded_and_turn()
    {
        var rig = new Rig();
        rig.Step(0, sampleSeconds: 360);     // pump 1 starts; nothing ran before this cycle
        rig.Step(1_000, sampleSeconds: 360); // pump 1 ran for 0.1 h
        Assert.Equal(0.1, rig.Group.RunHours(0), 9);
        Assert.Equal(0, rig.Group.RunHours(1));

        rig.Stalled[0] = true;               // commanded but not turning
        rig.Step(2_000, sampleSeconds: 360);
        Assert.Equal(0.1, rig.Group.RunHours(0), 9);

        rig.Outputs.PumpRunCommand[2] = true; // pump 3 is not installed, whatever its outputs say
        rig.Inputs.PumpSpeedFeedbackPercent[2] = 50;
        rig.Group.Update(true, 80, rig.Inputs, rig.Settings, false, 360, 3_000, rig.Outputs);
        Assert.Equal(0, rig.Group.RunHours(2));
    }

    [Fact]
    public void A_pump_turning_without_a_run_command_does_not_count_run_hours()
    {
        var rig = new Rig();
        rig.Inputs.PumpSpeedFeedbackPercent[1] = 30; // coasting or back-driven
        rig.Group.Update(false, 0, rig.Inputs, rig.Settings, false, 360, 0, rig.Outputs);

        Assert.Equal(0, rig.Group.RunHours(1));
    }

    [Fact]
    public void Counted_run_hours_trigger_the_rotation()
    {
        var rig = new Rig();
        rig.Group.SetRunHours(0, 167.95);
        rig.Step(0, sampleSeconds: 360);
        Assert.False(rig.Group.Rotating);

        rig.Step(1_000, sampleSeconds: 360);

        Assert.True(rig.Group.Rotating);
        Assert.Equal(168.05, rig.Group.RunHours(0), 9);
    }

    [Fact]
    public void Restored_run_hours_read_back_the_same()
    {
        var group = new PumpGroup();
        group.SetRunHours(3, 1234.5);

        Assert.Equal(1234.5, group.RunHours(3), 9);
    }

    [Fact]
    public void The_lead_rotates_back_to_pump_1_the_same_way()
    {
        var rig = new Rig();
        rig.Group.SetRunHours(0, 168);
        rig.Run(0, 10_000);
        Assert.Equal(1, rig.Group.Lead);

        rig.Group.SetRunHours(1, 400);
        rig.Step(10_100);
        Assert.True(rig.Group.Rotating);
        Assert.True(rig.Outputs.PumpRunCommand[0] && rig.Outputs.PumpRunCommand[1]);

        rig.Run(10_200, 20_000);
        Assert.True(rig.Group.Rotating);
        rig.Step(20_100);
        Assert.False(rig.Group.Rotating);
        Assert.Equal(0, rig.Group.Lead);
        Assert.Equal(2, rig.Group.Rotations);
        Assert.False(rig.Outputs.PumpRunCommand[1]);
    }
}
