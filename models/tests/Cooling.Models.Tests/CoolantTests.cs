using Cooling.Models.Components;

namespace Cooling.Models.Tests;

public sealed class CoolantTests
{
    private static readonly Coolant.Coolant Pg25 = Coolant.Coolant.PropyleneGlycol25;
    private static readonly Coolant.Coolant Water = Coolant.Coolant.Water;

    [Theory]
    [InlineData(20, 3920, 1019, 2.45)]
    [InlineData(45, 3980, 1007, 1.20)]
    public void PG25_matches_the_Melinder_figures_over_the_working_range(double celsius, double cp, double density, double viscosityMillipascalSeconds)
    {
        Assert.Equal(cp, Pg25.SpecificHeatJoulesPerKilogramKelvin(celsius), cp * 0.003);
        Assert.Equal(density, Pg25.DensityKilogramsPerCubicMeter(celsius), density * 0.001);
        Assert.Equal(viscosityMillipascalSeconds, Pg25.DynamicViscosityPascalSeconds(celsius) * 1000, viscosityMillipascalSeconds * 0.03);
    }

    [Theory]
    [InlineData(20, 4184.1, 998.21, 1.0016)]
    [InlineData(40, 4179.6, 992.22, 0.6527)]
    [InlineData(60, 4185.1, 983.20, 0.4665)]
    public void Water_matches_IAPWS_values(double celsius, double cp, double density, double viscosityMillipascalSeconds)
    {
        Assert.Equal(cp, Water.SpecificHeatJoulesPerKilogramKelvin(celsius), cp * 0.0005);
        Assert.Equal(density, Water.DensityKilogramsPerCubicMeter(celsius), density * 0.0002);
        Assert.Equal(viscosityMillipascalSeconds, Water.DynamicViscosityPascalSeconds(celsius) * 1000, viscosityMillipascalSeconds * 0.025);
    }

    [Fact]
    public void Heat_capacity_rates_per_litre_per_minute_are_those_of_the_physics_sources()
    {
        Assert.Equal(69.7, Water.HeatCapacityRateWattsPerKelvin(1, 20), 0.2);
        Assert.Equal(66.7, Pg25.HeatCapacityRateWattsPerKelvin(1), 0.2);
        Assert.True(Pg25.HeatCapacityRateWattsPerKelvin(1, 45) > Pg25.HeatCapacityRateWattsPerKelvin(1, 20)); // cp rises faster than ρ falls
    }

    [Fact]
    public void Coolants_are_found_by_their_file_names()
    {
        Assert.Same(Pg25, Coolant.Coolant.FromName("pg25"));
        Assert.Same(Water, Coolant.Coolant.FromName("Water"));
        Assert.Null(Coolant.Coolant.FromName("glycol"));
        Assert.Equal("PG30", new Coolant.PropyleneGlycolWater(30).Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Coolant.PropyleneGlycolWater(70));
    }

    [Theory]
    [InlineData(25, 50, 13.86)]
    [InlineData(30, 70, 23.93)]
    [InlineData(20, 100, 20.0)]
    [InlineData(24, 45, 11.34)]
    public void Dew_point_by_the_Magnus_formula(double celsius, double relativeHumidity, double expected)
    {
        Assert.Equal(expected, AmbientAir.DewPoint(celsius, relativeHumidity), 1);
        Assert.Equal(AmbientAir.DewPoint(celsius, relativeHumidity), new AmbientAir(celsius, relativeHumidity).DewPointCelsius);
    }
}
