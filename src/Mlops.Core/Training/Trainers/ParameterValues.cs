namespace Mlops.Core.Training.Trainers;

/// <summary>A trainer's hyperparameters, read in the types ML.NET's options take.</summary>
internal sealed class ParameterValues(IReadOnlyDictionary<string, double> values)
{
    public IReadOnlyDictionary<string, double> All { get; } = values;

    public double Double(string name) => All[name];

    public float Single(string name) => (float)All[name];

    public int Int32(string name) => checked((int)Math.Round(All[name], MidpointRounding.AwayFromZero));
}
