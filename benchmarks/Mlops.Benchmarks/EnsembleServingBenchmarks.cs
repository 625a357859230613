using BenchmarkDotNet.Attributes;
using Mlops.Core.Datasets;

namespace Mlops.Benchmarks;

/// <summary>
/// One row scored by a blended model (Training__Ensemble) against its members scored alone, on breast_cancer: the
/// boosted trees (the slower member, the baseline) and logistic regression, and the blend of the two; then two boosted
/// members, the dearest pair a blend can hold. The bar: a blend no more than twice its slowest member.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EnsembleServingBenchmarks : IDisposable
{
    private BlendServingSample? sample;

    private BlendServingSample Sample => sample ?? throw new InvalidOperationException("Setup has not run.");

    [GlobalSetup]
    public void Setup()
    {
        sample = BlendServingSample.Load("breast_cancer.csv", MlTask.BinaryClassification, "auc");
        sample.AddMember("FastTreeBinary");
        sample.AddMember("LbfgsLogisticRegression");
        sample.AddMember("LightGbmBinary");
        sample.AddBlend("TreesAndLinear", "FastTreeBinary", "LbfgsLogisticRegression", 0.5);
        sample.AddBlend("TreesAndTrees", "FastTreeBinary", "LightGbmBinary", 0.5);
    }

    /// <summary>FastTree alone: the slower member of the first blend.</summary>
    [Benchmark(Baseline = true)]
    public double? FastTree() => Sample["FastTreeBinary"].Predict(Sample.FirstRow).Score;

    [Benchmark]
    public double? LogisticRegression() => Sample["LbfgsLogisticRegression"].Predict(Sample.FirstRow).Score;

    [Benchmark]
    public double? LightGbm() => Sample["LightGbmBinary"].Predict(Sample.FirstRow).Score;

    /// <summary>FastTree and logistic regression blended: one model, both members and the average.</summary>
    [Benchmark]
    public double? BlendTreesAndLinear() => Sample["TreesAndLinear"].Predict(Sample.FirstRow).Score;

    /// <summary>FastTree and LightGbm blended: two tree ensembles, the dearest kind of pair.</summary>
    [Benchmark]
    public double? BlendTwoTreeModels() => Sample["TreesAndTrees"].Predict(Sample.FirstRow).Score;

    public void Dispose()
    {
        sample?.Dispose();
        GC.SuppressFinalize(this);
    }
}
