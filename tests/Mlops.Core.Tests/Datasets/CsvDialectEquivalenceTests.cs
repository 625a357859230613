using System.Globalization;
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
        Assert.Equal(new CsvDialect(';', ',', DateOrder.DayFirst), europeanSchema.Dialect);
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

    [Fact]
    public void TheWineSample_SavedAsUtf16WithExcelsDelimiterLine_TrainsToTheSameModelAndMetrics()
    {
        // What SQL Server Management Studio saves (UTF-16, CRLF), with the "sep=," line some exports add for Excel.
        var comma = File.ReadAllText(SampleDatasets.PathOf(SampleDatasets.Wine));
        var windows = "sep=,\r\n" + comma.ReplaceLineEndings("\r\n");

        var (commaSchema, commaData) = ValidateAndLoad(comma);
        var (utf16Schema, utf16Data) = ValidateAndLoad([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(windows)]);

        Assert.Equal(CsvDialect.Standard with { Encoding = CsvEncoding.Utf16 }, utf16Schema.Dialect);
        Assert.Equal(commaSchema.Features, utf16Schema.Features);
        Assert.Equal(commaSchema.ClassLabels, utf16Schema.ClassLabels);
        Assert.Equal(commaData.Rows.Select(r => string.Join('|', r)), utf16Data.Rows.Select(r => string.Join('|', r)));

        var trainedComma = new ModelTrainer(TestSchemas.DefaultOptions).Train(commaData.Typed(commaSchema));
        var trainedUtf16 = new ModelTrainer(TestSchemas.DefaultOptions).Train(utf16Data.Typed(utf16Schema));
        Assert.Equal(trainedComma.Metrics, trainedUtf16.Metrics);
        Assert.Equal(trainedComma.ModelZip.ToArray(), trainedUtf16.ModelZip.ToArray());
    }

    [Fact]
    public void APlaceholderTheSpecNamesMissing_TrainsAsEmptyCellsDo_AndServesAsNull()
    {
        // One cell in twenty of mean_radius is "pending" in one copy and empty in the other.
        var lines = File.ReadAllText(SampleDatasets.PathOf(SampleDatasets.BreastCancer)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var radius = Array.IndexOf(lines[0].Split(','), "mean_radius");
        string Copy(string placeholder) => string.Join('\n', lines.Select((line, i) =>
        {
            var cells = line.Split(',');
            if (i > 0 && i % 20 == 0)
            {
                cells[radius] = placeholder;
            }

            return string.Join(',', cells);
        })) + "\n";

        var (emptySchema, emptyData) = ValidateAndLoad(Encoding.UTF8.GetBytes(Copy(string.Empty)));
        var (pendingSchema, pendingData) = ValidateAndLoad(Encoding.UTF8.GetBytes(Copy("Pending")), """{"label": "label", "missingValues": ["pending"]}""");

        Assert.Equal(["pending"], pendingSchema.Dialect!.MissingValues);
        Assert.Equal(emptySchema.Features, pendingSchema.Features);
        Assert.Equal(emptyData.Rows.Select(r => string.Join('|', r)), pendingData.Rows.Select(r => string.Join('|', r)));
        var trainedEmpty = new ModelTrainer(TestSchemas.DefaultOptions).Train(emptyData.Typed(emptySchema));
        var trainedPending = new ModelTrainer(TestSchemas.DefaultOptions).Train(pendingData.Typed(pendingSchema));
        Assert.Equal(trainedEmpty.Metrics, trainedPending.Metrics);

        using var predictor = ModelPredictor.Load(trainedPending.ModelZip, pendingSchema);
        var row = pendingData.Rows[0];
        var asNull = Features(pendingSchema, pendingData, row, v => JsonSerializer.SerializeToElement(double.Parse(v, CultureInfo.InvariantCulture)));
        asNull["mean_radius"] = JsonSerializer.SerializeToElement<string?>(null);
        var asPending = new Dictionary<string, JsonElement>(asNull) { ["mean_radius"] = JsonSerializer.SerializeToElement(" PENDING") };
        Assert.Equal(predictor.Predict(asNull).Probabilities, predictor.Predict(asPending).Probabilities);
    }

    [Fact]
    public void DatesWrittenDayFirst_AreTheSameDates_InTrainingAndServing()
    {
        // A date decides the label (after 15 June 2023), so a model that misreads its dates scores differently.
        var iso = new StringBuilder("listed,amount,label\n");
        var dayFirst = new StringBuilder("listed;amount;label\n");
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 400; i++)
        {
            var day = start.AddDays((i * 37) % 365);
            var amount = ((i * 7919) % 1000) / 10.0;
            var label = day >= new DateTime(2023, 6, 15, 0, 0, 0, DateTimeKind.Utc) ? "late" : "early";
            iso.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{amount:0.0},{label}\n");
            dayFirst.Append(CultureInfo.InvariantCulture, $"{day:dd/MM/yyyy};{amount.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',')};{label}\n");
        }

        var (isoSchema, isoData) = ValidateAndLoad(iso.ToString());
        var (dayFirstSchema, dayFirstData) = ValidateAndLoad(dayFirst.ToString());

        Assert.Equal(new CsvDialect(';', ',', DateOrder.DayFirst), dayFirstSchema.Dialect);
        Assert.Equal(ColumnKind.Date, dayFirstSchema.Features.Single(f => f.Name == "listed").Kind);
        Assert.Equal(isoSchema.Features, dayFirstSchema.Features);
        Assert.Equal(isoData.Rows.Select(r => string.Join('|', r)), dayFirstData.Rows.Select(r => string.Join('|', r)));

        var trainedIso = new ModelTrainer(TestSchemas.DefaultOptions).Train(isoData.Typed(isoSchema));
        var trainedDayFirst = new ModelTrainer(TestSchemas.DefaultOptions).Train(dayFirstData.Typed(dayFirstSchema));
        Assert.Equal(trainedIso.Metrics, trainedDayFirst.Metrics);

        // Predict reads a date as the training file wrote it: 01/07/2023 is 1 July for this model, not 7 January.
        using var predictor = ModelPredictor.Load(trainedDayFirst.ModelZip, dayFirstSchema);
        var asIso = Row("2023-07-01");
        Assert.Equal(predictor.Predict(asIso).Probabilities, predictor.Predict(Row("01/07/2023")).Probabilities);
        Assert.NotEqual(predictor.Predict(Row("2023-01-07")).Probabilities, predictor.Predict(asIso).Probabilities);

        static Dictionary<string, JsonElement> Row(string listed) => new()
        {
            ["listed"] = JsonSerializer.SerializeToElement(listed),
            ["amount"] = JsonSerializer.SerializeToElement(50.0),
        };
    }

    [Fact]
    public void AWindows1252File_IsTheSameDataAsItsUtf8Twin_AndServesItsAccentedCategories()
    {
        // The city decides the label below an income of 70 and the opposite above (so neither column alone gives it
        // away), and every city but one is written with letters outside ASCII.
        string[] cities = ["São Paulo", "Brasília", "Belém", "Curitiba", "Maceió"];
        var csv = new StringBuilder("cidade;renda;label\n");
        for (var i = 0; i < 500; i++)
        {
            var city = cities[i % cities.Length];
            var income = ((i * 7919) % 1000) / 10.0;
            var yes = city is "São Paulo" or "Belém" ? income < 70 : income >= 70;
            csv.Append(CultureInfo.InvariantCulture, $"{city};{income.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',')};{(yes ? "sim" : "não")}\n");
        }

        var (utf8Schema, utf8Data) = ValidateAndLoad(Encoding.UTF8.GetBytes(csv.ToString()));
        var (windowsSchema, windowsData) = ValidateAndLoad(Windows1252.GetBytes(csv.ToString()));

        Assert.Equal(CsvEncoding.Utf8, utf8Schema.Dialect!.Encoding);
        Assert.Equal(CsvEncoding.Windows1252, windowsSchema.Dialect!.Encoding);
        Assert.Equal(utf8Schema.Features, windowsSchema.Features);
        Assert.Equal(utf8Schema.ClassLabels, windowsSchema.ClassLabels);
        Assert.Contains("não", windowsSchema.ClassLabels);
        Assert.Equal(utf8Data.Rows.Select(r => string.Join('|', r)), windowsData.Rows.Select(r => string.Join('|', r)));

        var trainedUtf8 = new ModelTrainer(TestSchemas.DefaultOptions).Train(utf8Data.Typed(utf8Schema));
        var trainedWindows = new ModelTrainer(TestSchemas.DefaultOptions).Train(windowsData.Typed(windowsSchema));
        Assert.Equal(trainedUtf8.Metrics, trainedWindows.Metrics);

        // A request is JSON, so Unicode: the category it names is the one the Windows-1252 file wrote.
        using var predictor = ModelPredictor.Load(trainedWindows.ModelZip, windowsSchema);
        Assert.Equal("sim", predictor.Predict(Row("São Paulo")).Label);
        Assert.Equal("não", predictor.Predict(Row("Brasília")).Label);

        static Dictionary<string, JsonElement> Row(string city) => new()
        {
            ["cidade"] = JsonSerializer.SerializeToElement(city),
            ["renda"] = JsonSerializer.SerializeToElement(50.0),
        };
    }

    private static (DatasetSchema Schema, CsvDataset Data) ValidateAndLoad(string csv) => ValidateAndLoad(Encoding.UTF8.GetBytes(csv));

    private static (DatasetSchema Schema, CsvDataset Data) ValidateAndLoad(byte[] csv, string spec = "{\"label\":\"label\"}")
    {
        var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(new MemoryStream(csv), specJson: spec);
        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => f.Message)));
        var read = CsvDatasetReader.Read(new MemoryStream(csv), CsvDialectHint.Exactly(report.Schema!.Dialect), CancellationToken.None);
        return (report.Schema, read.Dataset!);
    }

    private static Dictionary<string, JsonElement> Features(DatasetSchema schema, CsvDataset data, string[] row, Func<string, JsonElement> value) =>
        schema.Features.ToDictionary(f => f.Name, f => value(row[data.IndexOf(f.Name)]));
}
