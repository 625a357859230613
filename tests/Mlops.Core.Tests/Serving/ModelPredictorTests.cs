using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Serving;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Serving;

public class ModelPredictorTests
{
    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Iris)]
    [InlineData(SampleDatasets.Digits)]
    public void Predict_ThroughTheZip_AgreesWithTheTrainersHoldoutAccuracy(string sample)
    {
        var trained = TrainedSamples.Get(sample);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var label = trained.Data.IndexOf("label");

        var correct = trained.Holdout.Count(row => predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, row)).Label == row[label]);

        Assert.Equal(trained.Model.Metrics[MetricNames.Accuracy], (double)correct / trained.Holdout.Count, 1e-9);
    }

    [Fact]
    public void Predict_Regression_AgreesWithTheTrainersHoldoutRmse()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Diabetes);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var label = trained.Data.IndexOf("label");

        var squared = trained.Holdout.Select(row =>
        {
            var predicted = predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, row)).Score!.Value;
            return Math.Pow(predicted - double.Parse(row[label], CultureInfo.InvariantCulture), 2);
        });

        Assert.Equal(trained.Model.Metrics[MetricNames.Rmse], Math.Sqrt(squared.Average()), 1e-4);
    }

    [Fact]
    public void Predict_Binary_GivesPositiveProbabilityAsScoreAndAConsistentLabel()
    {
        var trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);

        foreach (var row in trained.Holdout)
        {
            var prediction = predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, row));

            Assert.NotNull(prediction.Probabilities);
            Assert.Equal(["benign", "malignant"], prediction.Probabilities.Keys.Order());
            Assert.Equal(prediction.Score, prediction.Probabilities["malignant"]);
            Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 1e-6);
            Assert.Equal(prediction.Score >= 0.5 ? "malignant" : "benign", prediction.Label);
        }
    }

    [Fact]
    public void Predict_Multiclass_LabelIsTheMostProbableClass()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Wine);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);

        foreach (var row in trained.Holdout)
        {
            var prediction = predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, row));

            Assert.NotNull(prediction.Probabilities);
            Assert.Equal(trained.Schema.ClassLabels, prediction.Probabilities.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(prediction.Probabilities.MaxBy(p => p.Value).Key, prediction.Label);
            Assert.Equal(prediction.Probabilities.Values.Max(), prediction.Score);
            Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 1e-5);
        }
    }

    [Fact]
    public void Predict_Regression_LabelIsTheNumberAndThereAreNoProbabilities()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Diabetes);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);

        var prediction = predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]));

        Assert.Null(prediction.Probabilities);
        Assert.Equal(prediction.Score, double.Parse(prediction.Label, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Predict_MissingFeature_ThrowsNamingItAndListingTheFeatures()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var features = FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]);
        features.Remove("petal_width_cm");

        var error = Assert.Throws<MlopsException>(() => predictor.Predict(features));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
        Assert.Equal("Feature 'petal_width_cm' is missing; the model needs: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm.", error.Message);
    }

    [Fact]
    public void Predict_AFeatureSentUnderAnotherCase_IsNamedAsTheNearMiss_AndFieldsTheModelDoesNotKnowAreListed()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var features = FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]);
        features["Petal_Width_CM "] = features["petal_width_cm"];
        features.Remove("petal_width_cm");
        var renamed = FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]);
        renamed["petal_width"] = renamed["petal_width_cm"];
        renamed["colour"] = renamed["petal_width_cm"];
        renamed[new string('x', 1000)] = renamed["petal_width_cm"];
        renamed.Remove("petal_width_cm");

        var nearMiss = Assert.Throws<MlopsException>(() => predictor.Predict(features));
        var unknown = Assert.Throws<MlopsException>(() => predictor.Predict(renamed));

        Assert.Equal("Feature 'petal_width_cm' is missing; the request has 'Petal_Width_CM ', but feature names are matched exactly, case and spaces included.", nearMiss.Message);
        Assert.Equal("Feature 'petal_width_cm' is missing; the model needs: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm. The request's fields that are not features of this model: 'colour', 'petal_width', '" + new string('x', 64) + "…'.", unknown.Message);
    }

    [Theory]
    [InlineData("\"wide\"")]
    [InlineData("{\"cm\": 5}")]
    [InlineData("[5.1]")]
    [InlineData("true")]
    public void Predict_NumericFeatureGivenANonNumber_ThrowsNamingItAndTheType(string json)
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var features = FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]).With("sepal_length_cm", json);

        var error = Assert.Throws<MlopsException>(() => predictor.Predict(features));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
        Assert.Contains("'sepal_length_cm'", error.Message, StringComparison.Ordinal);
        Assert.Contains("number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"NA\"")]
    [InlineData("\"5.1\"")]
    [InlineData("1e39")]
    public void Predict_NullMissingTokenOrNumericString_IsAccepted(string json)
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var features = FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]).With("sepal_length_cm", json);

        var prediction = predictor.Predict(features);

        Assert.Contains(prediction.Label, trained.Schema.ClassLabels);
    }

    [Fact]
    public void Predict_UnknownExtraFeature_IsIgnored()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var features = FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0]);

        var plain = predictor.Predict(features);
        var withExtra = predictor.Predict(features.With("colour", "\"purple\""));

        Assert.Equal(plain, withExtra with { Probabilities = plain.Probabilities });
        Assert.Equal(plain.Probabilities, withExtra.Probabilities);
    }

    [Fact]
    public void Predict_EightThreadsAtOnce_GiveTheSequentialAnswers()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Digits);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var inputs = trained.Holdout.Select(r => FeatureJson.FromRow(trained.Data, trained.Schema, r)).ToArray();
        var expected = inputs.Select(i => Summary(predictor.Predict(i))).ToArray();

        var actual = new string[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
            actual[t] = inputs.Select((_, i) => inputs[(i + (t * 37)) % inputs.Length]).Select(i => Summary(predictor.Predict(i))).ToArray());

        for (var t = 0; t < 8; t++)
        {
            Assert.Equal(expected.Select((_, i) => expected[(i + (t * 37)) % expected.Length]), actual[t]);
        }
    }

    [Fact]
    public void Predict_ModelsTrainedTwiceWithTheSameSeed_AnswerIdentically()
    {
        var data = SampleDatasets.Load(SampleDatasets.BreastCancer);
        var schema = TestSchemas.ForSample(SampleDatasets.BreastCancer);
        using var first = ModelPredictor.Load(new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema)).ModelZip, schema);
        using var second = ModelPredictor.Load(new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema)).ModelZip, schema);

        foreach (var row in data.Rows.Take(100))
        {
            var features = FeatureJson.FromRow(data, schema, row);
            Assert.Equal(Summary(first.Predict(features)), Summary(second.Predict(features)));
        }
    }

    [Fact]
    public void Predict_CategoricalAndMissingValues_FollowTheLearnedStructure()
    {
        var data = SyntheticData.ColorXor(1000, seed: 7);
        var schema = SyntheticData.ColorXorSchema(data);
        using var predictor = ModelPredictor.Load(new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema)).ModelZip, schema);

        string Predict(string color, string x) =>
            predictor.Predict(new Dictionary<string, JsonElement> { ["color"] = FeatureJson.Parse(color), ["x"] = FeatureJson.Parse(x), ["noise"] = FeatureJson.Parse("0.5") }).Label;

        Assert.Equal("yes", Predict("\"red\"", "-0.5"));
        Assert.Equal("no", Predict("\"red\"", "0.5"));
        Assert.Equal("yes", Predict("\"blue\"", "0.5"));
        Assert.Equal("no", Predict("\"green\"", "-0.5"));

        // Unknown and missing categories and a missing number still get an answer.
        Assert.Contains(Predict("\"purple\"", "0.5"), schema.ClassLabels);
        Assert.Contains(Predict("null", "null"), schema.ClassLabels);
    }

    [Fact]
    public void Predict_CategoricalFeatureGivenAnObject_ThrowsNamingIt()
    {
        var data = SyntheticData.ColorXor(200, seed: 1);
        var schema = SyntheticData.ColorXorSchema(data);
        using var predictor = ModelPredictor.Load(new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema)).ModelZip, schema);

        var error = Assert.Throws<MlopsException>(() =>
            predictor.Predict(new Dictionary<string, JsonElement> { ["color"] = FeatureJson.Parse("{}"), ["x"] = FeatureJson.Parse("1"), ["noise"] = FeatureJson.Parse("0.5") }));

        Assert.Contains("'color'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SchemaThatDoesNotFitTheModel_Throws()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var fewerFeatures = trained.Schema with { Features = trained.Schema.Features.Take(3).ToArray() };

        Assert.Throws<InvalidDataException>(() => ModelPredictor.Load(trained.Model.ModelZip, fewerFeatures));
    }

    [Fact]
    public void Predict_AfterDispose_Throws()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        predictor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, trained.Holdout[0])));
    }

    private static string Summary(Prediction prediction) =>
        string.Create(CultureInfo.InvariantCulture, $"{prediction.Label}|{prediction.Score:R}|{string.Join(';', prediction.Probabilities?.Select(p => $"{p.Key}={p.Value:R}") ?? [])}");
}
