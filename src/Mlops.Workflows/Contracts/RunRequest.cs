using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

/// <summary>The orchestration's input: which dataset, pinned by content. The run id is the instance id.</summary>
public sealed record RunRequest(DatasetRef Dataset);
