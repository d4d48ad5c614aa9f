namespace Cdu.Firmware.Tests.Control;

/// <summary>
/// Test plant τ·dy/dt + y = k·u(t − θ) + c, discretized exactly for a zero-order-hold input:
///   y_{j+1} = a·y_j + (1 − a)·(k·u_{j−D} + c),  a = e^(−h/τ),  D = round(θ/h) samples of a delay line.
/// </summary>
public sealed class FopdtPlant
{
    private readonly double[] _delayLine;
    private readonly double _decay;
    private readonly double _gain;
    private readonly double _offset;
    private int _index;

    /// <summary>Starts at rest with <paramref name="initialInput"/> applied for ever.</summary>
    public FopdtPlant(double gain, double timeConstantSeconds, double deadTimeSeconds, double offset, double sampleTimeSeconds, double initialInput)
    {
        _gain = gain;
        _offset = offset;
        _decay = Math.Exp(-sampleTimeSeconds / timeConstantSeconds);
        _delayLine = new double[Math.Max(1, (int)Math.Round(deadTimeSeconds / sampleTimeSeconds))];
        Array.Fill(_delayLine, initialInput);
        Output = gain * initialInput + offset;
    }

    public double Output { get; private set; }

    /// <summary>Steady-state output for a constant input.</summary>
    public double SteadyState(double input) => _gain * input + _offset;

    /// <summary>Applies <paramref name="input"/> for one sample and advances the output; a disturbance adds to the input.</summary>
    public double Step(double input, double inputDisturbance = 0)
    {
        double delayed = _delayLine[_index];
        _delayLine[_index] = input + inputDisturbance;
        _index = (_index + 1) % _delayLine.Length;
        Output = _decay * Output + (1 - _decay) * (_gain * delayed + _offset);
        return Output;
    }
}
