using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Mlops.Core.Training.Ensembles;

/// <summary>
/// The multiclass blend's last step, which ML.NET's own transforms cannot do (an expression reads at most one vector,
/// and nothing takes an argmax): two members' class probabilities, each already multiplied by its weight, summed into
/// the blend's Score, and the index of its largest class. Saved in model.zip under <see cref="ContractName"/>, so a
/// context must register this assembly before it loads a blend (<see cref="ModelZip.Load"/> does).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class MulticlassBlendMapping : CustomMappingFactory<MulticlassBlendMapping.Members, MulticlassBlendMapping.Blended>
{
    public const string ContractName = "MlopsMulticlassBlend";

    public const string FirstColumn = "EnsembleWeighted0";

    public const string SecondColumn = "EnsembleWeighted1";

    public const string ClassColumn = "EnsembleClass";

    public override Action<Members, Blended> GetMapping() => Map;

    /// <summary>The step for <paramref name="classes"/> classes: vectors of that size in and out.</summary>
    public static IEstimator<ITransformer> Estimator(MLContext ml, int classes)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var vector = new VectorDataViewType(NumberDataViewType.Single, classes);
        var input = SchemaDefinition.Create(typeof(Members));
        input[FirstColumn].ColumnType = vector;
        input[SecondColumn].ColumnType = vector;
        var output = SchemaDefinition.Create(typeof(Blended));
        output[nameof(Blended.Score)].ColumnType = vector;
        return ml.Transforms.CustomMapping<Members, Blended>(Map, ContractName, input, output);
    }

    /// <summary>
    /// A loaded model with its blend step sized again: ML.NET rebuilds a custom mapping from its contract name alone, so
    /// a loaded blend's Score is a vector of unknown size, which its evaluator refuses. The members' saved outputs say
    /// how many classes there are.
    /// </summary>
    public static ITransformer Sized(MLContext ml, ITransformer model, DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (model is not TransformerChain<ITransformer> chain || !chain.Any(t => t is CustomMappingTransformer<Members, Blended>))
        {
            return model;
        }

        var schema = input;
        var steps = new List<ITransformer>();
        foreach (var step in chain)
        {
            var sized = step is CustomMappingTransformer<Members, Blended>
                ? Estimator(ml, ((VectorDataViewType)schema[FirstColumn].Type).Size).Fit(ml.Data.LoadFromEnumerable(Array.Empty<Members>()))
                : step;
            steps.Add(sized);
            schema = sized.GetOutputSchema(schema);
        }

        return new TransformerChain<ITransformer>([.. steps]);
    }

    private static void Map(Members members, Blended blended)
    {
        var first = members.EnsembleWeighted0;
        var second = members.EnsembleWeighted1;
        var score = new float[first.Length];
        var best = 0;
        for (var k = 0; k < score.Length; k++)
        {
            score[k] = first[k] + second[k];
            if (score[k] > score[best])
            {
                best = k;
            }
        }

        blended.Score = score;
        blended.EnsembleClass = best;
    }

    /// <summary>The members' weighted class probabilities.</summary>
    public sealed class Members
    {
        [VectorType]
        public float[] EnsembleWeighted0 { get; set; } = [];

        [VectorType]
        public float[] EnsembleWeighted1 { get; set; } = [];
    }

    /// <summary>The blend's class probabilities and the index of the largest.</summary>
    public sealed class Blended
    {
        [VectorType]
        public float[] Score { get; set; } = [];

        public int EnsembleClass { get; set; }
    }
}
