using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>Keeps a rejected dataset, with the report that says why, in the quarantine container.</summary>
public sealed class QuarantineDataset(IDatasetStore store) : TaskActivity<QuarantineInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, QuarantineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.QuarantineAsync(input.Dataset, input.Report, CancellationToken.None);
        return true;
    }
}
