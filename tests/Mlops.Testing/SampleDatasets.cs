using Mlops.Core.Datasets;

namespace Mlops.Testing;

/// <summary>The real datasets in samples/ (sklearn's, as shipped by Debian's python3-sklearn).</summary>
public static class SampleDatasets
{
    public const string BreastCancer = "breast_cancer";
    public const string Iris = "iris";
    public const string Wine = "wine";
    public const string Diabetes = "diabetes";
    public const string Digits = "digits";

    public static string PathOf(string name) => RepositoryPaths.Combine("samples", name + ".csv");

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Parses a sample the simple way (they hold no quotes), independent of the reader under test.</summary>
    public static CsvDataset Load(string name)
    {
        var lines = File.ReadAllLines(PathOf(name));
        return new CsvDataset(lines[0].Split(','), lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray());
    }
}
