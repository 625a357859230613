namespace Mlops.Workflows.Tests.WarmStarts;

/// <summary>The four-trial engine with warm starts turned off (Training__WarmStart=false).</summary>
public sealed class ColdStartEngineFixture : PipelineEngineFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Training:MaxTrials"] = "4",
        ["Training:MaxConcurrentTrials"] = "2",
        ["Training:WarmStart"] = "false",
    };
}
