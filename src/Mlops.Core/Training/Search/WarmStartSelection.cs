using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// Which offered warm-start configurations a search can use. The offer comes from an older model (another task, a
/// catalog since changed, a corrupt record), so what does not fit the task's trainers is dropped, never an error: a
/// warm start is a head start, and the search runs without it.
/// </summary>
internal static class WarmStartSelection
{
    /// <summary>
    /// The champion's configuration, then the best trials', each kept when <see cref="Normalize"/> accepts it and no kept
    /// one equals it, up to <paramref name="limit"/> (and <see cref="WarmStart.MaxConfigurations"/>). Null when none is kept.
    /// </summary>
    public static WarmStart? Accept(WarmStart? offered, IReadOnlyList<TrainerDefinition> trainers, int limit)
    {
        if (offered is null)
        {
            return null;
        }

        var max = Math.Min(limit, WarmStart.MaxConfigurations);
        var kept = new List<TrialConfiguration>(max);
        var championKept = false;
        (TrialConfiguration? Configuration, bool Champion)[] candidates = [(offered.Champion, true), .. (offered.BestTrials ?? []).Select(c => ((TrialConfiguration?)c, false))];
        foreach (var (configuration, champion) in candidates)
        {
            if (kept.Count >= max)
            {
                break;
            }

            if (Normalize(configuration, trainers) is { } accepted && !kept.Contains(accepted))
            {
                kept.Add(accepted);
                championKept |= champion;
            }
        }

        return kept.Count == 0
            ? null
            : new WarmStart(offered.Version, championKept ? kept[0] : null, championKept ? kept[1..] : kept);
    }

    /// <summary>
    /// The configuration with the trainer's defaults filling the parameters it leaves out (so that it compares equal to
    /// the same point drawn by the sampler); null when its trainer is not one of <paramref name="trainers"/>, or a
    /// parameter is not in the trainer's space or has a value the space does not hold (a trial could not have run it).
    /// </summary>
    public static TrialConfiguration? Normalize(TrialConfiguration? configuration, IReadOnlyList<TrainerDefinition> trainers)
    {
        var trainer = trainers.FirstOrDefault(t => string.Equals(t.Name, configuration?.Trainer, StringComparison.Ordinal));
        if (configuration?.Parameters is null || trainer is null)
        {
            return null;
        }

        var values = new Dictionary<string, double>(trainer.Defaults, StringComparer.Ordinal);
        foreach (var (name, value) in configuration.Parameters)
        {
            var parameter = trainer.Space.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (parameter is null || !parameter.Contains(value))
            {
                return null;
            }

            values[name] = value;
        }

        return new TrialConfiguration(trainer.Name, values);
    }
}
