using Mlops.Core.Datasets;
using Mlops.Core.Feedback;
using Mlops.Core.Monitoring;
using Mlops.Core.Registry;
using Mlops.Core.Serving;
using Moq;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>
/// A retraining set is the champion's file with labelled predictions appended, written as the file was written: for a
/// file saved in Windows-1252 the set keeps that encoding (a spec that names it reads the set as it read the file), and
/// no character is mangled; a yes/no column keeps the file's spelling whatever the requests sent.
/// </summary>
public sealed class RetrainingSetBuilderTests
{
    [Fact]
    public async Task AWindows1252Dataset_GrowsIntoAWindows1252Set_WithItsDialect()
    {
        var original = Windows1252.GetBytes("cidade;renda;label\nSão Paulo;12,5;sim\n");
        var dialect = new CsvDialect(';', ',') { Encoding = CsvEncoding.Windows1252 };
        var champion = Champion(new DatasetSchema([new ColumnSchema("cidade", ColumnKind.Categorical), new ColumnSchema("renda", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["não", "sim"]) { Dialect = dialect });
        var set = await BuildAsync(champion, original, "{\"cidade\":\"Belém\",\"renda\":3.5}", "não");

        Assert.Equal(1, set!.Value.Added);
        Assert.Equal(Windows1252.GetBytes("cidade;renda;label\nSão Paulo;12,5;sim\nBelém;3,5;não\n"), set.Value.Csv.ToArray());
        var read = CsvDatasetReader.Read(set.Value.Csv.ToStream(), CsvDialectHint.Exactly(dialect), CancellationToken.None);
        Assert.Equal([["São Paulo", "12.5", "sim"], ["Belém", "3.5", "não"]], read.Dataset!.Rows);
    }

    [Fact]
    public async Task AUtf16DatasetWithExcelsDelimiterLineAndATitle_GrowsIntoAUtf16Set_ReadAsTheFileWasRead()
    {
        var original = (byte[])[.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes("sep=;\r\nRelatório de renda\r\ncidade;renda;label\r\nSão Paulo;12,5;sim\r\n")];
        var dialect = new CsvDialect(';', ',') { Encoding = CsvEncoding.Utf16, PreambleLines = 1 };
        var champion = Champion(new DatasetSchema([new ColumnSchema("cidade", ColumnKind.Categorical), new ColumnSchema("renda", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["não", "sim"]) { Dialect = dialect });
        var set = await BuildAsync(champion, original, "{\"cidade\":\"\u6771\u4eac\",\"renda\":3.5}", "não");

        Assert.Equal(1, set!.Value.Added);
        var read = CsvDatasetReader.Read(set.Value.Csv.ToStream(), CsvDialectHint.Exactly(dialect), CancellationToken.None);
        Assert.Null(read.Error);
        Assert.Equal(["cidade", "renda", "label"], read.Dataset!.Columns);
        Assert.Equal([["São Paulo", "12.5", "sim"], ["\u6771\u4eac", "3.5", "não"]], read.Dataset.Rows);
        Assert.Equal(CsvEncoding.Utf16, read.Dataset.Dialect.Encoding);
    }

    [Fact]
    public async Task AYesNoColumn_KeepsTheFilesSpelling_WhateverTheRequestSent()
    {
        var original = "garage,size,label\nTRUE,120,high\nFALSE,80,low\n"u8.ToArray();
        var garage = new ColumnSchema("garage", ColumnKind.Categorical) { Boolean = new BooleanSpelling("FALSE", "TRUE") };
        var champion = Champion(new DatasetSchema([garage, new ColumnSchema("size", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["high", "low"]));

        var set = await BuildAsync(champion, original, "{\"garage\":true,\"size\":150}", "high");

        Assert.Equal("garage,size,label\nTRUE,120,high\nFALSE,80,low\nTRUE,150,high\n", set!.Value.Csv.ToString());
    }

    private static async Task<(BinaryData Csv, long Added)?> BuildAsync(ModelVersion champion, byte[] original, string featuresJson, string label)
    {
        var datasets = new Mock<IDatasetStore>();
        datasets.Setup(d => d.DescribeAsync(champion.Lineage.DatasetBlob, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StoredDataset(champion.Lineage.DatasetBlob, "\"e\"", new string('a', 64), original.Length));
        datasets.Setup(d => d.OpenReadAsync(It.IsAny<DatasetRef>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(original));
        var predictions = new Mock<IPredictionLog>();
        predictions.Setup(p => p.ReadRangeAsync("cidades", It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(Logged(new PredictionRecord("cidades", "p1", 1, "champion", champion.CreatedAt.AddHours(1), featuresJson, label, 0.4, null)));
        var feedback = new Mock<IFeedbackStore>();
        feedback.Setup(f => f.FindAsync("cidades", It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new FeedbackRecord("cidades", "p1", label, champion.CreatedAt.AddHours(2))]);

        return await new RetrainingSetBuilder(datasets.Object, predictions.Object, feedback.Object)
            .BuildAsync(champion, champion.CreatedAt.AddDays(1), CancellationToken.None);
    }

    private static ModelVersion Champion(DatasetSchema schema) => new(
        "cidades",
        1,
        new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        "run-1",
        "FastTreeBinary",
        new Dictionary<string, string>(),
        new Dictionary<string, double> { ["auc"] = 0.9 },
        schema,
        new Lineage("cidades/data.csv", "\"e\"", new string('a', 64), "run-1", null),
        new string('b', 64));

    private static async IAsyncEnumerable<PredictionRecord> Logged(params PredictionRecord[] records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }
}
