using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Mlops.Core.Training;

namespace Mlops.Core.Serving;

/// <summary>
/// A thread-safe front for ML.NET's PredictionEngine, which is not: each call rents an engine with its own output row
/// and returns both, so concurrent requests never share one and a warm engine and its output are reused instead of
/// rebuilt per call.
/// </summary>
internal sealed class PooledPredictionEngine<TScored> : IDisposable
    where TScored : class, new()
{
    private readonly ObjectPool<Rented> pool;

    public PooledPredictionEngine(MLContext ml, ITransformer model, SchemaDefinition inputDefinition)
    {
        // The default keeps two engines per core; a request scores on whichever thread runs it, and a few more threads
        // than cores may score at once, each beyond the pool building an engine (milliseconds) only to drop it.
        pool = new DefaultObjectPoolProvider { MaximumRetained = Math.Max(16, Environment.ProcessorCount * 4) }.Create(new EnginePolicy(ml, model, inputDefinition));
    }

    /// <summary>Scores <paramref name="row"/> and reads the result with <paramref name="read"/>, which must copy what it keeps.</summary>
    public TResult Predict<TResult>(FeatureRow row, Func<TScored, TResult> read)
    {
        var rented = pool.Get();
        try
        {
            rented.Engine.Predict(row, ref rented.Output);
            return read(rented.Output);
        }
        finally
        {
            pool.Return(rented);
        }
    }

    /// <summary>Disposes the engines the pool holds; one rented at the time is disposed when it comes back.</summary>
    public void Dispose() => (pool as IDisposable)?.Dispose();

    private sealed class Rented(PredictionEngine<FeatureRow, TScored> engine) : IDisposable
    {
        public PredictionEngine<FeatureRow, TScored> Engine { get; } = engine;

        // A field, not a property: the engine writes into it by reference.
        public TScored Output = new();

        public void Dispose() => Engine.Dispose();
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model, SchemaDefinition inputDefinition) : IPooledObjectPolicy<Rented>
    {
        public Rented Create() => new(ml.Model.CreatePredictionEngine<FeatureRow, TScored>(model, ignoreMissingColumns: false, inputSchemaDefinition: inputDefinition));

        public bool Return(Rented obj) => true;
    }
}
