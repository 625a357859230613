using System.Globalization;
using System.Text.Json;
using Mlops.Core;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.TrainingPeer;

// Runs the product's search on the sample datasets and writes, per dataset, the folds ({name}.folds.csv) and the
// search's trials and selection ({name}.search.json) for scripts/peer-compare to set against scikit-learn.
//
//   dotnet run -c Release --project benchmarks/Mlops.TrainingPeer -- --out DIR [--trials 12] [--strategy random]
//       [--concurrency 2] [--seed 42] [--ensemble true|false] [--datasets breast_cancer,wine,digits,diabetes]
//       [--repeat 1] (runs each search that many times in this process and reports each; the last is written)
var arguments = Arguments.Parse(args);
var output = arguments.Get("out", Path.Combine(Path.GetTempPath(), "mlops-peer"));
var samples = arguments.Get("samples", Path.Combine(FindRoot(), "samples"));
var options = new TrainingOptions
{
    Seed = int.Parse(arguments.Get("seed", "42"), CultureInfo.InvariantCulture),

    // No run holdout: the search's folds cover every row, so they are the folds the peer is scored on.
    HoldoutFraction = 0,
    MaxTrials = int.Parse(arguments.Get("trials", "12"), CultureInfo.InvariantCulture),
    MaxConcurrentTrials = int.Parse(arguments.Get("concurrency", "2"), CultureInfo.InvariantCulture),
    Strategy = Enum.Parse<SearchStrategy>(arguments.Get("strategy", "random"), ignoreCase: true),
    MaxSearchSeconds = 86_400,
    Ensemble = !string.Equals(arguments.Get("ensemble", "true"), "false", StringComparison.OrdinalIgnoreCase),
};
var repeat = int.Parse(arguments.Get("repeat", "1"), CultureInfo.InvariantCulture);
Directory.CreateDirectory(output);

foreach (var name in arguments.Get("datasets", string.Join(',', PeerDataset.Samples.Keys)).Split(','))
{
    var dataset = PeerDataset.Load(samples, name);
    FoldFile.Write(Path.Combine(output, name + ".folds.csv"), dataset, options.Folds, options.Seed);
    // Runs after the first show what a warm host pays: no first-use costs of the runtime or ML.NET.
    var result = await new PeerRun(options).RunAsync(dataset);
    for (var run = 1; run <= repeat; run++)
    {
        if (repeat > 1)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: run {run} of {repeat} took {result.Seconds:0.00} s (search {result.SearchSeconds:0.00} s)"));
        }

        if (run < repeat)
        {
            result = await new PeerRun(options).RunAsync(dataset);
        }
    }

    await File.WriteAllTextAsync(Path.Combine(output, name + ".search.json"), JsonSerializer.Serialize(result, MlopsJson.Options));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {result.Trainer ?? "none"} {result.Plan.Settings.Metric} {result.Selected:0.####} ({result.Trials} trials, {result.Seconds:0.0} s)"));
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MlopsFunctions.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
