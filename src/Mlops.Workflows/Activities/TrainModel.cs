using System.Security.Cryptography;
using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Training;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>Trains the candidate and leaves it in blob storage under the run's own path.</summary>
public sealed class TrainModel(DatasetLoader loader, ModelTrainer trainer, IModelArtifactStore artifacts)
    : TaskActivity<TrainModelInput, TrainingSummary>
{
    public override async Task<TrainingSummary> RunAsync(TaskActivityContext context, TrainModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = await DatasetLoading.LoadValidatedAsync(loader, input.Dataset);
        var trained = trainer.Train(data, input.Schema);
        var path = ArtifactPaths.Candidate(input.Dataset.Model, input.RunId);

        // Training is deterministic for its seed, so a retry writes the same bytes to the same path.
        await artifacts.WriteAsync(path, trained.ModelZip, CancellationToken.None);
        var sha = Convert.ToHexStringLower(SHA256.HashData(trained.ModelZip.ToMemory().Span));
        return new TrainingSummary(trained.Trainer, trained.Parameters, trained.Metrics, trained.TrainingRows, trained.HoldoutRows, path, sha);
    }
}
