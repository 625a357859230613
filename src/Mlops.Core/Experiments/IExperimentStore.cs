namespace Mlops.Core.Experiments;

/// <summary>Each model's experiments, at most one open (Running or AwaitingApproval) at a time.</summary>
public interface IExperimentStore
{
    /// <summary>Stores a new open experiment; throws a conflict <see cref="Errors.MlopsException"/> naming the open one when the model has one.</summary>
    Task<StoredExperiment> CreateAsync(Experiment experiment, CancellationToken cancellationToken);

    Task<StoredExperiment?> GetAsync(string model, string id, CancellationToken cancellationToken);

    /// <summary>The model's open experiment, if any: what predict routes by.</summary>
    Task<Experiment?> GetOpenAsync(string model, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Experiment>> ListAsync(string model, CancellationToken cancellationToken);

    /// <summary>Compare-and-swap; closing an experiment frees the model's slot in the same transaction. False when another writer won.</summary>
    Task<bool> TryReplaceAsync(Experiment experiment, string etag, CancellationToken cancellationToken);
}
