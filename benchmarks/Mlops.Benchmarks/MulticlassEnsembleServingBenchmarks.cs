using BenchmarkDotNet.Attributes;
using Mlops.Core.Datasets;

namespace Mlops.Benchmarks;

/// <summary>
/// One row scored by a multiclass blend on digits (10 classes, 64 features) against its members alone: one-versus-all
/// boosted trees (the slower member, the baseline) and multinomial logistic regression, the pair the search keeps on
/// digits. The blend adds its own step (the weighted sum and the argmax) to both members' work.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MulticlassEnsembleServingBenchmarks : IDisposable
{
    private BlendServingSample? sample;

    private BlendServingSample Sample => sample ?? throw new InvalidOperationException("Setup has not run.");

    [GlobalSetup]
    public void Setup()
    {
        sample = BlendServingSample.Load("digits.csv", MlTask.MulticlassClassification, "macroF1");
        sample.AddMember("OneVersusAllFastTree");
        sample.AddMember("LbfgsMaximumEntropy");
        sample.AddBlend("Blend", "OneVersusAllFastTree", "LbfgsMaximumEntropy", 0.55);
    }

    /// <summary>One-versus-all FastTree alone: the slower member.</summary>
    [Benchmark(Baseline = true)]
    public string OneVersusAllFastTree() => Sample["OneVersusAllFastTree"].Predict(Sample.FirstRow).Label;

    [Benchmark]
    public string MaximumEntropy() => Sample["LbfgsMaximumEntropy"].Predict(Sample.FirstRow).Label;

    /// <summary>Both members, their weighted probabilities summed and the largest class answered.</summary>
    [Benchmark]
    public string Blend() => Sample["Blend"].Predict(Sample.FirstRow).Label;

    public void Dispose()
    {
        sample?.Dispose();
        GC.SuppressFinalize(this);
    }
}
