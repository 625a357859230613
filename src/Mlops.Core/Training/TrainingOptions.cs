using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Seeds every random choice: the holdout split, the trainers and ML.NET's context.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Share of rows held out for evaluation and for the champion comparison.</summary>
    [Range(0.05, 0.5)]
    public double HoldoutFraction { get; set; } = 0.2;
}
