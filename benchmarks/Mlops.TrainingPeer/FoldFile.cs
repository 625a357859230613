using System.Globalization;
using System.Text;
using Mlops.Core.Training;

namespace Mlops.TrainingPeer;

/// <summary>Writes the fold of every row (by its position in the CSV) for the peer to split on.</summary>
internal static class FoldFile
{
    public static void Write(string path, PeerDataset dataset, int folds, int seed)
    {
        var assignments = StratifiedFolds.Assign(dataset.Typed, [.. Enumerable.Range(0, dataset.Typed.RowCount)], folds, seed);
        var csv = new StringBuilder("row,fold\n");
        for (var i = 0; i < assignments.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{assignments[i].Fold}\n");
        }

        File.WriteAllText(path, csv.ToString());
    }
}
