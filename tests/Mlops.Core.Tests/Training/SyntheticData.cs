using System.Globalization;
using Mlops.Core.Datasets;

namespace Mlops.Core.Tests.Training;

/// <summary>Datasets whose structure is known, for behaviour the real samples do not exercise.</summary>
internal static class SyntheticData
{
    public static readonly string[] Colors = ["red", "green", "blue"];

    /// <summary>
    /// label = (color is "red") xor (x > 0), with a tenth of x missing and a pure-noise column. Rows whose x is
    /// missing are a coin toss, so the best achievable accuracy is about 0.95.
    /// </summary>
    public static CsvDataset ColorXor(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new List<string[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var color = Colors[random.Next(Colors.Length)];
            var x = (random.NextDouble() * 2) - 1;
            var noise = random.NextDouble();
            var positive = color == "red" ^ x > 0;
            var xText = random.NextDouble() < 0.1 ? (i % 2 == 0 ? "NA" : string.Empty) : x.ToString("R", CultureInfo.InvariantCulture);
            data.Add([color, xText, noise.ToString("R", CultureInfo.InvariantCulture), positive ? "yes" : "no"]);
        }

        return new CsvDataset(["color", "x", "noise", "label"], data);
    }

    public static DatasetSchema ColorXorSchema(CsvDataset data) =>
        TestSchemas.Infer(data, MlTask.BinaryClassification, categorical: ["color"]);
}
