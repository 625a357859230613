using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Registry;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// Finds what a new run of a model starts its search from: the champion's trainer and hyperparameters (as its manifest
/// records them) and the best other configurations of the search that chose it (its run's trials.json). Reads only;
/// anything missing or unreadable shrinks the warm start rather than failing the run.
/// </summary>
public sealed class WarmStartSource(IModelRegistry registry, IModelArtifactStore artifacts, IOptions<TrainingOptions> options, ILogger<WarmStartSource> logger)
{
    /// <summary>Null when warm starts are off (<see cref="TrainingOptions.WarmStart"/>) or the model has no champion.</summary>
    public async Task<WarmStart?> LoadAsync(string model, CancellationToken cancellationToken)
    {
        if (!options.Value.WarmStart
            || await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken) is not { } alias
            || await registry.GetVersionAsync(model, alias.Version, cancellationToken) is not { } champion)
        {
            return null;
        }

        var configuration = Configuration(champion);
        var best = await BestTrialsAsync(champion, configuration, cancellationToken);
        return configuration is null && best.Count == 0 ? null : new WarmStart(champion.Version, configuration, best);
    }

    /// <summary>
    /// The champion's trainer with the manifest's values of that trainer's hyperparameters; the other keys (seed,
    /// holdoutFraction, selectedTrial...) are how it was trained, not where. Null when the trainer is not in the catalog
    /// of the version's task or a hyperparameter's value is not a number.
    /// </summary>
    internal static TrialConfiguration? Configuration(ModelVersion version)
    {
        // A blended champion (Training__Ensemble) records its members as member0.*, member1.*: the first is the
        // search's winner, whose configuration is the one to start from.
        var prefix = version.Parameters.TryGetValue("member0.trainer", out var member) ? "member0." : string.Empty;
        var name = prefix.Length > 0 ? member : version.Trainer;
        var trainer = TrainerCatalog.For(version.Schema.Task).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
        if (trainer is null)
        {
            return null;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var parameter in trainer.Space)
        {
            if (!version.Parameters.TryGetValue(prefix + parameter.Name, out var text))
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            values[parameter.Name] = value;
        }

        return new TrialConfiguration(trainer.Name, values);
    }

    /// <summary>
    /// The best completed trials of the champion's search on its largest budget (smaller budgets are not comparable),
    /// best first, one per configuration, the champion's own left out; none when the record is missing or unreadable.
    /// </summary>
    private async Task<IReadOnlyList<TrialConfiguration>> BestTrialsAsync(ModelVersion champion, TrialConfiguration? configuration, CancellationToken cancellationToken)
    {
        var path = ArtifactPaths.Trials(champion.Model, champion.RunId);
        SearchRecord? record;
        try
        {
            record = (await artifacts.ReadAsync(path, cancellationToken))?.ToObjectFromJson<SearchRecord>(MlopsJson.Options);
        }
        catch (JsonException e)
        {
            WarmStartLog.SearchRecordUnreadable(logger, champion.Model, champion.Version, path, e.Message);
            return [];
        }

        if (record?.Trials is not { } trials || record.Settings?.Metric is not { } metric)
        {
            return [];
        }

        var completed = trials.Where(t => t?.Configuration is not null && t.Completed(metric) is not null).ToList();
        if (completed.Count == 0)
        {
            return [];
        }

        var top = completed.Max(t => t.Rung);
        return [.. TrialRanking.BestFirst(completed.Where(t => t.Rung == top), metric)
            .Select(t => t.Configuration)
            .Where(c => !c.Equals(configuration))
            .Distinct()
            .Take(WarmStart.MaxConfigurations)];
    }
}
