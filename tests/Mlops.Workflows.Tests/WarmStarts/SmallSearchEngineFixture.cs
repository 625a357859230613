namespace Mlops.Workflows.Tests.WarmStarts;

/// <summary>The real engine with a four-trial search, two at a time: enough for a champion and its search's best two.</summary>
public class SmallSearchEngineFixture : PipelineEngineFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Training:MaxTrials"] = "4",
        ["Training:MaxConcurrentTrials"] = "2",
    };
}
