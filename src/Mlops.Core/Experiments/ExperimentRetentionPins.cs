using Mlops.Core.Retention;

namespace Mlops.Core.Experiments;

/// <summary>
/// Retention keeps both versions of a model's open experiment. The experiment is stored before its challenger alias
/// is set, so the version is pinned before anything relies on it.
/// </summary>
public sealed class ExperimentRetentionPins(IExperimentStore experiments) : IRetentionPins
{
    public async Task<IReadOnlyList<RetentionPin>> PinsAsync(string model, CancellationToken cancellationToken)
    {
        if (await experiments.GetOpenAsync(model, cancellationToken) is not { } open)
        {
            return [];
        }

        return
        [
            new RetentionPin(open.ChallengerVersion, $"challenger of experiment {open.Id}"),
            new RetentionPin(open.ChampionVersion, $"champion of experiment {open.Id}"),
        ];
    }
}
