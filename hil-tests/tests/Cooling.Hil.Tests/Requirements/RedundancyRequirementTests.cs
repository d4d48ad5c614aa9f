using Cdu.Firmware.Pumps;
using Cooling.Hil.Sil;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Requirements;

/// <summary>RED-1 and RED-2: the N+1 pump group on the twin's two parallel pumps.</summary>
public sealed class RedundancyRequirementTests(ITestOutputHelper output)
{
    private static SilRig Running()
    {
        var rig = new SilRig();
        rig.Bus.Keep = false;
        rig.SetUtilization(0.7);
        rig.Supervise(30);
        rig.RunFor(300);
        return rig;
    }

    [Fact]
    public void RED_1_after_a_lead_pump_trip_the_standby_runs_and_flow_is_back_to_90_percent_within_3_s()
    {
        var rig = Running();
        var lead = rig.Controller.Pumps.Lead;
        var flowBefore = rig.Plant.FlowLitersPerMinute;

        rig.Plant.Pumps[lead].Tripped = true;
        var recovered = rig.RunUntil(() => rig.Controller.Pumps.Lead != lead
            && rig.Plant.Pumps[rig.Controller.Pumps.Lead].SpeedPercent > 0
            && rig.Plant.FlowLitersPerMinute >= 0.9 * flowBefore, timeoutSeconds: 30);

        output.WriteLine($"flow {flowBefore:F0} L/min before the trip; standby running with ≥ 90 % flow after {recovered:F1} s");
        Assert.True(recovered <= 3.0, $"took {recovered:F1} s");
        Assert.Equal(PumpState.Failed, rig.Controller.Pumps.State(lead));
        Assert.Contains(rig.Controller.Alarms.Get(Cdu.Firmware.Alarms.AlarmTable.PumpFailedFirst + lead).Code, "PumpFailed");
        Assert.True(rig.Controller.Alarms.Get(Cdu.Firmware.Alarms.AlarmTable.PumpFailedFirst + lead).Active);
        Assert.True(rig.Controller.Alarms.Get(Cdu.Firmware.Alarms.AlarmTable.NoStandby).Active);
    }

    [Theory]
    [InlineData("speed feedback lost")]
    [InlineData("fault contact")]
    public void RED_1_failover_also_follows_a_failed_speed_feedback_or_a_fault_contact(string failure)
    {
        var rig = Running();
        var lead = rig.Controller.Pumps.Lead;
        var flowBefore = rig.Plant.FlowLitersPerMinute;
        if (failure == "fault contact") rig.Plant.Pumps[lead].Tripped = true;
        else rig.Plant.Pumps[lead].Seize();

        var recovered = rig.RunUntil(() => rig.Controller.Pumps.Lead != lead && rig.Plant.FlowLitersPerMinute >= 0.9 * flowBefore, 30);

        output.WriteLine($"{failure}: recovered after {recovered:F1} s");
        Assert.True(recovered <= 3.0, $"took {recovered:F1} s");
    }

    [Fact]
    public void RED_2_rotation_by_run_hours_hands_over_without_a_flow_dip_above_10_percent()
    {
        var rig = Running();
        var lead = rig.Controller.Pumps.Lead;
        var standby = 1 - lead;
        rig.Controller.Pumps.SetRunHours(lead, 500);
        rig.Controller.Pumps.SetRunHours(standby, 300);
        var flowBefore = rig.Plant.FlowLitersPerMinute;
        var lowest = double.MaxValue;

        rig.RunFor(60, () => lowest = Math.Min(lowest, rig.Plant.FlowLitersPerMinute));

        output.WriteLine($"flow {flowBefore:F0} L/min before; lowest during the rotation {lowest:F0} L/min ({(flowBefore - lowest) / flowBefore:P1} dip)");
        Assert.Equal(standby, rig.Controller.Pumps.Lead);
        Assert.Equal(1, rig.Controller.Pumps.Rotations);
        Assert.True(lowest >= 0.9 * flowBefore, $"dip to {lowest:F0} L/min");
        Assert.Equal(PumpState.Standby, rig.Controller.Pumps.State(lead));
        Assert.Equal(0, rig.Plant.Pumps[lead].SpeedPercent, 0);
    }
}
