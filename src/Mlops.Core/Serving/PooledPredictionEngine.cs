using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Mlops.Core.Training;

namespace Mlops.Core.Serving;

/// <summary>
/// A thread-safe front for ML.NET's PredictionEngine, which is not: each call rents an engine and returns it,
/// so concurrent requests never share one and a warm engine is reused instead of rebuilt.
/// </summary>
internal sealed class PooledPredictionEngine<TScored> : IDisposable
    where TScored : class, new()
{
    private readonly ObjectPool<PredictionEngine<FeatureRow, TScored>> pool;

    public PooledPredictionEngine(MLContext ml, ITransformer model, SchemaDefinition inputDefinition)
    {
        pool = new DefaultObjectPoolProvider().Create(new EnginePolicy(ml, model, inputDefinition));
    }

    public TScored Predict(FeatureRow row)
    {
        var engine = pool.Get();
        try
        {
            return engine.Predict(row);
        }
        finally
        {
            pool.Return(engine);
        }
    }

    /// <summary>Disposes the engines the pool holds; one rented at the time is disposed when it comes back.</summary>
    public void Dispose() => (pool as IDisposable)?.Dispose();

    private sealed class EnginePolicy(MLContext ml, ITransformer model, SchemaDefinition inputDefinition)
        : IPooledObjectPolicy<PredictionEngine<FeatureRow, TScored>>
    {
        public PredictionEngine<FeatureRow, TScored> Create() =>
            ml.Model.CreatePredictionEngine<FeatureRow, TScored>(model, ignoreMissingColumns: false, inputSchemaDefinition: inputDefinition);

        public bool Return(PredictionEngine<FeatureRow, TScored> obj) => true;
    }
}
