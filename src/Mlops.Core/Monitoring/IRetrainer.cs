namespace Mlops.Core.Monitoring;

/// <summary>Starts a training run on a retraining set (the host that has a Durable client implements it).</summary>
public interface IRetrainer
{
    /// <summary>Stores the set as the model's dataset "{fileName}" and starts its run; answers the run id.</summary>
    Task<string> StartAsync(string model, string fileName, BinaryData csv, string kind, string detail, CancellationToken cancellationToken);

    /// <summary>
    /// Starts, or finds, the run of a set an earlier attempt stored as the model's dataset "{fileName}" (datasets are
    /// immutable, and the same set names the same run); null when no set was stored.
    /// </summary>
    Task<string?> ResumeAsync(string model, string fileName, string kind, string detail, CancellationToken cancellationToken);
}
