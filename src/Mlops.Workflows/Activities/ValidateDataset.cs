using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Core.Validation;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>Reads the dataset and its optional spec and checks them against the data contract.</summary>
public sealed class ValidateDataset(DatasetLoader loader, IDatasetStore store, DatasetValidator validator)
    : TaskActivity<RunRequest, ValidationReport>
{
    public override async Task<ValidationReport> RunAsync(TaskActivityContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = await loader.LoadAsync(input.Dataset, CancellationToken.None);
        var spec = await store.ReadSpecAsync(input.Dataset.Model, CancellationToken.None);
        return validator.Validate(read, spec);
    }
}
