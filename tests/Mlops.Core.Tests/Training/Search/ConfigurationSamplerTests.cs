using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Tests.Training.Search;

public class ConfigurationSamplerTests
{
    private static readonly IReadOnlyList<TrainerDefinition> Binary = TrainerCatalog.For(MlTask.BinaryClassification);

    [Fact]
    public void Sample_StartsWithEachTrainersDefaultsInCatalogOrder()
    {
        var configurations = ConfigurationSampler.Sample(Binary, 10, seed: 42);

        Assert.Equal(Binary.Select(t => t.Name), configurations.Take(Binary.Count).Select(c => c.Trainer));
        Assert.All(Binary, (t, i) => Assert.Equal(t.Defaults, configurations[i].Parameters));
    }

    [Fact]
    public void Sample_ThenDrawsEveryTrainerInTurnFromItsSpace()
    {
        var configurations = ConfigurationSampler.Sample(Binary, 24, seed: 42);

        Assert.Equal(24, configurations.Count);
        Assert.All(Binary, t => Assert.Equal(6, configurations.Count(c => c.Trainer == t.Name)));
        foreach (var configuration in configurations.Skip(Binary.Count))
        {
            var space = Binary.Single(t => t.Name == configuration.Trainer).Space;
            Assert.Equal(space.Select(p => p.Name).Order(), configuration.Parameters.Keys.Order());
            Assert.All(space, p => Assert.True(p.Contains(configuration.Parameters[p.Name]), $"{p.Name}={configuration.Parameters[p.Name]}"));
        }

        Assert.Equal(24, configurations.Distinct().Count());
    }

    [Fact]
    public void Sample_SameSeed_GivesTheSamePlan_AnotherSeedAnother()
    {
        var first = ConfigurationSampler.Sample(Binary, 12, seed: 42);
        var again = ConfigurationSampler.Sample(Binary, 12, seed: 42);
        var other = ConfigurationSampler.Sample(Binary, 12, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Skip(Binary.Count), other.Skip(Binary.Count));
    }

    [Fact]
    public void Sample_FewerTrialsThanTrainers_TriesTheFirstDefaults()
    {
        var configurations = ConfigurationSampler.Sample(Binary, 2, seed: 42);

        Assert.Equal(Binary.Take(2).Select(t => t.Name), configurations.Select(c => c.Trainer));
    }
}
