using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>Draws the configurations a search tries, reproducibly from its seed.</summary>
internal static class ConfigurationSampler
{
    private const int MaxDrawsPerConfiguration = 100;

    /// <summary>
    /// Each trainer's defaults first, in catalog order (a good default is the cheapest strong baseline), then random
    /// draws from each trainer's space, trainers taking turns so that none is starved. No configuration repeats.
    /// </summary>
    public static IReadOnlyList<TrialConfiguration> Sample(IReadOnlyList<TrainerDefinition> trainers, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        var random = new SeededRandom(seed);
        var configurations = new List<TrialConfiguration>(count);
        foreach (var trainer in trainers.Take(count))
        {
            configurations.Add(new TrialConfiguration(trainer.Name, trainer.Defaults));
        }

        for (var turn = 0; configurations.Count < count && turn < count * MaxDrawsPerConfiguration; turn++)
        {
            var trainer = trainers[turn % trainers.Count];
            var drawn = new TrialConfiguration(trainer.Name, trainer.Space.ToDictionary(p => p.Name, p => p.Sample(random), StringComparer.Ordinal));
            if (!configurations.Contains(drawn))
            {
                configurations.Add(drawn);
            }
        }

        return configurations;
    }
}
