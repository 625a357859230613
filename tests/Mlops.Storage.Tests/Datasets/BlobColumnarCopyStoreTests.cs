using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;

namespace Mlops.Storage.Tests.Datasets;

/// <summary>Typed copies in the columnar container, read back through a blob stream as training reads them.</summary>
public class BlobColumnarCopyStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DatasetSchema Schema = new(
        [new ColumnSchema("x", ColumnKind.Numeric), new ColumnSchema("color", ColumnKind.Categorical)], "label", MlTask.BinaryClassification, ["no", "yes"]);

    private readonly IColumnarCopyStore store = fixture.Get<IColumnarCopyStore>();

    [Fact]
    public async Task AMissingCopy_IsNull()
    {
        Assert.Null(await store.OpenReadAsync($"{TestModels.Unique("col")}/none/none.parquet", CancellationToken.None));
    }

    [Fact]
    public async Task AWrittenCopy_ReadsBackThroughTheBlobStream()
    {
        var csv = "x,color,label\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i * 0.5},{(i % 3 == 0 ? "red" : "blue")},{(i % 2 == 0 ? "yes" : "no")}\n"));
        var builder = new ColumnarDatasetBuilder(Schema);
        Assert.Null(CsvDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), builder).Error);
        var data = builder.Build();
        var name = $"{TestModels.Unique("col")}/{new string('a', 64)}/shape.parquet";
        using (var file = new MemoryStream())
        {
            await ColumnarParquet.WriteAsync(data, file, CancellationToken.None);
            file.Position = 0;
            await store.WriteAsync(name, file, CancellationToken.None);
        }

        await using var stream = await store.OpenReadAsync(name, CancellationToken.None);
        var copy = await ColumnarParquet.ReadAsync(stream!, Schema, CancellationToken.None);

        Assert.NotNull(copy);
        Assert.Equal(data.Digests, copy.Digests);
        Assert.Equal(((NumberColumn)data.Features[0]).Values, ((NumberColumn)copy.Features[0]).Values);
        Assert.Equal(["red", "blue"], ((CodedColumn)copy.Features[1]).Values);
    }

    [Theory]
    [InlineData("../datasets/m/a.csv")]
    [InlineData("m/../../x.parquet")]
    [InlineData("/m/x.parquet")]
    public async Task NamesThatClimbOut_AreRefused(string name)
    {
        await Assert.ThrowsAsync<MlopsException>(() => store.OpenReadAsync(name, CancellationToken.None));
    }
}
