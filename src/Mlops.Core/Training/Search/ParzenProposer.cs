using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// Proposes the next configuration from the trials so far, as a Tree-structured Parzen Estimator does: the finished
/// trials split into the best quarter ("good") and the rest; each side gets a density over the trainer (counts with a
/// prior of one per trainer) and, per trainer, over each hyperparameter (<see cref="ParzenDensity"/> on the unit range);
/// candidates are drawn from the good densities and the one with the largest ratio good / rest is proposed. Trials that
/// stopped early or failed count among the rest. Deterministic for the seed, the index and the trials it is shown.
/// </summary>
internal sealed class ParzenProposer(IReadOnlyList<TrainerDefinition> trainers, string metric, int seed)
{
    /// <summary>The share of trials that model the good region: hyperopt's and Optuna's default.</summary>
    public const double GoodShare = 0.25;

    /// <summary>Candidates drawn per proposal: hyperopt's default; more sharpen the argmax towards exploitation.</summary>
    public const int Candidates = 24;

    private const int MaxRandomDraws = 100;

    /// <param name="finished">The trials finished so far (any status).</param>
    /// <param name="tried">Configurations already dispatched: a proposal never repeats one.</param>
    /// <param name="index">The index of the trial being proposed; seeds its draws.</param>
    public TrialConfiguration Propose(IReadOnlyList<TrialResult> finished, IReadOnlyCollection<TrialConfiguration> tried, int index)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(tried);
        var random = new SeededRandom(unchecked(seed ^ (int)(0x5BD1E995u * (uint)(index + 1))));
        var ranked = TrialRanking.BestFirst(finished, metric).ToList();
        if (ranked.Count == 0)
        {
            return RandomDraw(random, tried);
        }

        var goodCount = Math.Max(1, (int)Math.Ceiling(GoodShare * ranked.Count));
        var good = ranked.Take(goodCount).ToList();
        var rest = ranked.Skip(goodCount).Concat(finished.Where(t => t.Completed(metric) is null)).ToList();
        var goodModel = new Side(trainers, good);
        var restModel = new Side(trainers, rest);

        TrialConfiguration? best = null;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < Candidates; c++)
        {
            var candidate = goodModel.Draw(random);
            if (tried.Contains(candidate))
            {
                continue;
            }

            var score = goodModel.LogDensity(candidate) - restModel.LogDensity(candidate);
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best ?? RandomDraw(random, tried);
    }

    private TrialConfiguration RandomDraw(SeededRandom random, IReadOnlyCollection<TrialConfiguration> tried)
    {
        TrialConfiguration drawn = new(trainers[0].Name, trainers[0].Defaults);
        for (var attempt = 0; attempt < MaxRandomDraws; attempt++)
        {
            var trainer = trainers[(int)(random.NextDouble() * trainers.Count)];
            drawn = new TrialConfiguration(trainer.Name, trainer.Space.ToDictionary(p => p.Name, p => p.Sample(random), StringComparer.Ordinal));
            if (!tried.Contains(drawn))
            {
                break;
            }
        }

        return drawn;
    }

    /// <summary>One side's model: how often each trainer appears, and a density per trainer and hyperparameter.</summary>
    private sealed class Side
    {
        private readonly IReadOnlyList<TrainerDefinition> trainers;
        private readonly double[] trainerWeights;
        private readonly Dictionary<string, ParzenDensity>[] densities;

        public Side(IReadOnlyList<TrainerDefinition> trainers, IReadOnlyList<TrialResult> trials)
        {
            this.trainers = trainers;
            trainerWeights = new double[trainers.Count];
            densities = new Dictionary<string, ParzenDensity>[trainers.Count];
            for (var t = 0; t < trainers.Count; t++)
            {
                var trainer = trainers[t];
                var own = trials.Where(r => string.Equals(r.Configuration.Trainer, trainer.Name, StringComparison.Ordinal)).ToList();

                // One pseudo-observation per trainer: a trainer the trials never tried keeps a chance.
                trainerWeights[t] = (own.Count + 1.0) / (trials.Count + trainers.Count);
                densities[t] = trainer.Space.ToDictionary(
                    p => p.Name,
                    p => new ParzenDensity(own.Select(r => p.ToUnit(Value(trainer, r.Configuration, p)))),
                    StringComparer.Ordinal);
            }
        }

        public TrialConfiguration Draw(SeededRandom random)
        {
            var u = random.NextDouble();
            var t = 0;
            var cumulative = trainerWeights[0];
            while (u >= cumulative && t < trainers.Count - 1)
            {
                cumulative += trainerWeights[++t];
            }

            var trainer = trainers[t];
            return new TrialConfiguration(trainer.Name, trainer.Space.ToDictionary(p => p.Name, p => p.FromUnit(densities[t][p.Name].Sample(random)), StringComparer.Ordinal));
        }

        public double LogDensity(TrialConfiguration configuration)
        {
            var t = IndexOf(configuration.Trainer);
            var trainer = trainers[t];
            var log = Math.Log(trainerWeights[t]);
            foreach (var p in trainer.Space)
            {
                log += Math.Log(densities[t][p.Name].Density(p.ToUnit(Value(trainer, configuration, p))));
            }

            return log;
        }

        private int IndexOf(string name)
        {
            for (var t = 0; t < trainers.Count; t++)
            {
                if (string.Equals(trainers[t].Name, name, StringComparison.Ordinal))
                {
                    return t;
                }
            }

            throw new ArgumentException($"'{name}' is not one of the search's trainers.", nameof(name));
        }

        /// <summary>A configuration's value for the parameter, the trainer's default where it leaves it out.</summary>
        private static double Value(TrainerDefinition trainer, TrialConfiguration configuration, HyperParameter parameter) =>
            configuration.Parameters.TryGetValue(parameter.Name, out var value) ? value : trainer.Defaults[parameter.Name];
    }
}
