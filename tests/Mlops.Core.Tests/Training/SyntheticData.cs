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

    /// <summary>
    /// A year (1950-2020) and an air pressure (about 1013 hPa) with a linear effect each: the label is their weighted
    /// sum plus noise (regression), its sign drawn through a logistic (binary), or its band with noise (three classes:
    /// below -0.7, above 0.7, between).
    /// <paramref name="shifted"/> false writes both features minus their centres; the labels are the same either way.
    /// </summary>
    public static CsvDataset YearAndPressure(MlTask task, int rows, int seed, bool shifted)
    {
        var random = new Random(seed);
        var data = new List<string[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var year = random.Next(-35, 36);
            var pressure = Math.Round(StandardNormal.Draw(random) * 9, 1);
            var effect = (0.06 * year) - (0.12 * pressure);
            var label = task switch
            {
                MlTask.Regression => ((50 * effect) + (StandardNormal.Draw(random) * 20)).ToString("R", CultureInfo.InvariantCulture),
                MlTask.BinaryClassification => random.NextDouble() < 1 / (1 + Math.Exp(-effect)) ? "yes" : "no",
                _ => (effect + (StandardNormal.Draw(random) * 0.3)) switch { < -0.7 => "low", > 0.7 => "high", _ => "mid" },
            };
            data.Add([
                (shifted ? year + 1985 : year).ToString(CultureInfo.InvariantCulture),
                (shifted ? pressure + 1013 : pressure).ToString("0.0", CultureInfo.InvariantCulture),
                label]);
        }

        return new CsvDataset(["year", "pressure", "label"], data);
    }

    public static DatasetSchema ColorXorSchema(CsvDataset data) =>
        TestSchemas.Infer(data, MlTask.BinaryClassification, categorical: ["color"]);
}
