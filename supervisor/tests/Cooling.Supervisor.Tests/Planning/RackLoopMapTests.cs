using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Tests.Planning;

public sealed class RackLoopMapTests
{
    [Theory]
    [InlineData("cdu1-r01", "cdu1")]
    [InlineData("hall-a-cdu12-r7", "hall-a-cdu12")]
    [InlineData("rack17", null)]
    [InlineData("cdu1-rx1", null)]
    [InlineData("cdu1-r", null)]
    public void By_default_racks_follow_the_naming_convention(string rack, string? cdu)
    {
        Assert.Equal(cdu, new RackLoopMap().CduOf(rack));
    }

    [Fact]
    public void Explicit_assignments_win_over_the_convention()
    {
        var map = new RackLoopMap(new Dictionary<string, string> { ["rack17"] = "cdu3", ["cdu1-r01"] = "cdu2" });

        Assert.Equal("cdu3", map.CduOf("rack17"));
        Assert.True(map.IsOnLoop("cdu1-r01", "cdu2"));
        Assert.False(map.IsOnLoop("cdu1-r01", "cdu1"));
    }
}
