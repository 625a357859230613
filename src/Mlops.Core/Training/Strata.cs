using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;

namespace Mlops.Core.Training;

/// <summary>Rows grouped by class for classification (in order of the class labels), all in one for regression.</summary>
internal static class Strata
{
    public static List<List<int>> Of(ColumnarDataset data, IEnumerable<int> rows)
    {
        if (data.Schema.Task == MlTask.Regression || data.Label is not CodedColumn label)
        {
            return [[.. rows]];
        }

        var strata = Enumerable.Range(0, data.Schema.ClassLabels.Count).Select(_ => new List<int>()).ToList();
        foreach (var row in rows)
        {
            strata[label.Codes[row]].Add(row);
        }

        return [.. strata.Where(s => s.Count > 0)];
    }
}
