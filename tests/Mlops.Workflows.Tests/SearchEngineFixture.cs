namespace Mlops.Workflows.Tests;

/// <summary>The real engine with the acceptance's search: 24 trials, two at a time.</summary>
public sealed class SearchEngineFixture : PipelineEngineFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Training:MaxTrials"] = "24",
        ["Training:MaxConcurrentTrials"] = "2",
    };
}
