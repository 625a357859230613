using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Core.Validation;
using Mlops.Testing;

namespace Mlops.Core.Tests.Datasets;

/// <summary>A sample written as a European spreadsheet exports it (semicolons, decimal commas) is the same data.</summary>
public sealed class CsvDialectEquivalenceTests
{
    [Fact]
    public void TheWineSample_WithSemicolonsAndDecimalCommas_TrainsToTheSameModelAndMetrics_AndServesCommaStrings()
    {
        var comma = File.ReadAllText(SampleDatasets.PathOf(SampleDatasets.Wine));
        var european = comma.Replace(',', ';').Replace('.', ',');
        Assert.Contains(";13,2;", european, StringComparison.Ordinal);

        var (commaSchema, commaData) = ValidateAndLoad(comma);
        var (europeanSchema, europeanData) = ValidateAndLoad(european);

        Assert.Equal(CsvDialect.Standard, commaSchema.Dialect);
        Assert.Equal(new CsvDialect(';', ','), europeanSchema.Dialect);
        Assert.Equal(commaSchema.Features, europeanSchema.Features);
        Assert.Equal(commaSchema.Task, europeanSchema.Task);
        Assert.Equal(commaSchema.ClassLabels, europeanSchema.ClassLabels);
        Assert.Equal(commaData.Rows.Select(r => string.Join('|', r)), europeanData.Rows.Select(r => string.Join('|', r)));

        var trainedComma = new ModelTrainer(TestSchemas.DefaultOptions).Train(commaData.Typed(commaSchema));
        var trainedEuropean = new ModelTrainer(TestSchemas.DefaultOptions).Train(europeanData.Typed(europeanSchema));
        Assert.Equal(trainedComma.Metrics, trainedEuropean.Metrics);
        Assert.Equal(trainedComma.ModelZip.ToArray(), trainedEuropean.ModelZip.ToArray());

        // Serving reads a numeric string with the training file's decimal mark.
        using var predictor = ModelPredictor.Load(trainedEuropean.ModelZip, europeanSchema);
        var row = commaData.Rows[0];
        var asNumbers = Features(europeanSchema, commaData, row, v => JsonSerializer.SerializeToElement(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)));
        var asCommaStrings = Features(europeanSchema, commaData, row, v => JsonSerializer.SerializeToElement(v.Replace('.', ',')));
        Assert.Equal(predictor.Predict(asNumbers).Probabilities, predictor.Predict(asCommaStrings).Probabilities);
    }

    private static (DatasetSchema Schema, CsvDataset Data) ValidateAndLoad(string csv)
    {
        var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(new MemoryStream(Encoding.UTF8.GetBytes(csv)), specJson: "{\"label\":\"label\"}");
        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => f.Message)));
        var read = CsvDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CsvDialectHint.Exactly(report.Schema!.Dialect), CancellationToken.None);
        return (report.Schema, read.Dataset!);
    }

    private static Dictionary<string, JsonElement> Features(DatasetSchema schema, CsvDataset data, string[] row, Func<string, JsonElement> value) =>
        schema.Features.ToDictionary(f => f.Name, f => value(row[data.IndexOf(f.Name)]));
}
