using System.Text;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>A sample dataset split into the CSV a user uploads and rows kept back to predict on.</summary>
public sealed record HeldOutSplit(string[] Header, byte[] TrainingCsv, IReadOnlyList<string[]> HeldOut)
{
    public static HeldOutSplit Of(string sample, double heldOutFraction = 0.2, int seed = 7)
    {
        var lines = File.ReadAllLines(SampleDatasets.PathOf(sample)).Where(l => l.Length > 0).ToArray();
        var rows = lines[1..];
        var shuffled = rows.OrderBy(_ => 0).ToArray();
        new Random(seed).Shuffle(shuffled);
        var heldCount = (int)(shuffled.Length * heldOutFraction);
        var training = new StringBuilder().AppendLine(lines[0]);
        foreach (var row in shuffled[heldCount..])
        {
            training.AppendLine(row);
        }

        return new HeldOutSplit(lines[0].Split(','), Encoding.UTF8.GetBytes(training.ToString()), [.. shuffled[..heldCount].Select(r => r.Split(','))]);
    }

    /// <summary>A held-out row as a predict instance: every column but the label, numbers as JSON numbers.</summary>
    public Dictionary<string, object> Features(string[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var features = new Dictionary<string, object>();
        for (var i = 0; i < Header.Length - 1; i++)
        {
            features[Header[i]] = double.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture);
        }

        return features;
    }

    public static string Label(string[] row) => row[^1];
}
