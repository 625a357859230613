namespace Mlops.Core.Training.Search;

public enum SearchStrategy
{
    /// <summary>Every trial on the full budget, configurations drawn at random after each trainer's defaults.</summary>
    Random,

    /// <summary>
    /// Successive halving: many configurations on a fraction of the rows, the best third promoted to three times the
    /// rows, until the survivors train on all of them.
    /// </summary>
    Halving,

    /// <summary>
    /// Model-based (a Tree-structured Parzen Estimator): each trainer's defaults and a few random draws first, then every
    /// further configuration proposed from the trials finished so far (<see cref="ParzenProposer"/>).
    /// </summary>
    Tpe,
}
