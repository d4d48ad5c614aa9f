namespace Cdu.Firmware.Config
{
    /// <summary>One firmware parameter: its name (module.name with the unit in it), unit, default, allowed range and meaning.</summary>
    public sealed class ParameterDefinition
    {
        public ParameterDefinition(string name, string unit, double defaultValue, double minimum, double maximum, bool integer, string description)
        {
            Name = name;
            Unit = unit;
            DefaultValue = defaultValue;
            Minimum = minimum;
            Maximum = maximum;
            Integer = integer;
            Description = description;
        }

        /// <summary>Name in configuration documents and messages, e.g. "supply.fallbackSetpointCelsius".</summary>
        public string Name { get; private set; }

        /// <summary>Unit as written in the docs, e.g. "°C", "%/K", "s"; "–" for plain numbers and switches.</summary>
        public string Unit { get; private set; }

        public double DefaultValue { get; private set; }

        public double Minimum { get; private set; }

        public double Maximum { get; private set; }

        /// <summary>True when only whole numbers are allowed.</summary>
        public bool Integer { get; private set; }

        public string Description { get; private set; }

        /// <summary>True when <paramref name="value"/> is finite, within [Minimum, Maximum] and whole if required.</summary>
        public bool Accepts(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || value < Minimum || value > Maximum)
            {
                return false;
            }

            return !Integer || value == System.Math.Floor(value);
        }
    }
}
