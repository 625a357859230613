namespace Mlops.Core.Evaluation;

/// <summary>Holdout counts: <c>Counts[actual][predicted]</c>, classes in <see cref="Classes"/> order.</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    public static ConfusionMatrix From(HoldoutScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var counts = new SampleMetrics(scores).Confusion(SampleMetrics.Ones(scores.Count));
        return new ConfusionMatrix(scores.Classes, [.. counts.Select(row => (IReadOnlyList<int>)[.. row.Select(c => (int)c)])]);
    }

    /// <summary>Precision, recall and F1 of each class, one-vs-rest; 0 where a ratio has nothing to divide by.</summary>
    public IReadOnlyList<ClassMetrics> PerClass()
    {
        var result = new List<ClassMetrics>(Classes.Count);
        for (var k = 0; k < Classes.Count; k++)
        {
            var truePositives = (double)Counts[k][k];
            var support = Counts[k].Sum();
            var predicted = Counts.Sum(row => row[k]);
            var precision = predicted > 0 ? truePositives / predicted : 0;
            var recall = support > 0 ? truePositives / support : 0;
            var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            result.Add(new ClassMetrics(Classes[k], precision, recall, f1, support));
        }

        return result;
    }
}
