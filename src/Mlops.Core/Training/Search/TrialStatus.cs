namespace Mlops.Core.Training.Search;

public enum TrialStatus
{
    /// <summary>Every planned fold was scored.</summary>
    Completed,

    /// <summary>Stopped after some folds: even perfect scores on the rest could not have made it count.</summary>
    StoppedEarly,

    /// <summary>The trial threw; the search went on without it.</summary>
    Failed,
}
