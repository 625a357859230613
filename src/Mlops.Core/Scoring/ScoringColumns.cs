using System.Text;
using Mlops.Core.Datasets;

namespace Mlops.Core.Scoring;

/// <summary>What a scoring file must hold for a model, and the columns the scored file adds to it.</summary>
public static class ScoringColumns
{
    public const string Prediction = "prediction";
    public const string Version = "version";
    public const string ProbabilityPrefix = "probability_";
    public const string PredictionId = "prediction_id";

    /// <summary>The model's features the header lacks, in the model's order; extra columns are carried through unread.</summary>
    public static IReadOnlyList<string> Missing(DatasetSchema schema, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var present = header.ToHashSet(StringComparer.Ordinal);
        return [.. schema.Features.Select(f => f.Name).Where(name => !present.Contains(name))];
    }

    /// <summary>The sentence a job fails with when the file lacks features.</summary>
    public static string MissingReason(IReadOnlyList<string> missing, DatasetSchema schema) =>
        $"The scoring file lacks {(missing.Count == 1 ? "the column" : $"{missing.Count} columns")} the model needs: {string.Join(", ", missing)}. The model's features are: {string.Join(", ", schema.Features.Select(f => f.Name))}.";

    /// <summary>
    /// The columns after the input's: the prediction (for regression the score itself, as predict answers it), the
    /// probability of each class for a classifier, the version that scored the row, and when the job logs its rows,
    /// each row's prediction id (what feedback is sent with).
    /// </summary>
    public static IReadOnlyList<string> Added(DatasetSchema schema, bool logged = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        IReadOnlyList<string> added = schema.Task == MlTask.Regression
            ? [Prediction, Version]
            : [Prediction, .. schema.ClassLabels.Select(c => ProbabilityPrefix + c), Version];
        return logged ? [.. added, PredictionId] : added;
    }

    /// <summary>The scored file's header line: the input's columns, then <see cref="Added"/>.</summary>
    public static string OutputHeader(IReadOnlyList<string> inputColumns, DatasetSchema schema, bool logged = false)
    {
        var line = new StringBuilder();
        CsvCells.AppendLine(line, [.. inputColumns, .. Added(schema, logged)]);
        return line.ToString();
    }
}
