using System.Text.Json;
using Mlops.Core.Errors;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class PredictRequestReaderTests
{
    [Fact]
    public void Read_OneRow_ReturnsItsFeaturesAndEntity()
    {
        var (inputs, isBatch) = Read("""{"features":{"x":1.5,"color":"red"},"entityId":"user-7"}""");

        Assert.False(isBatch);
        var input = Assert.Single(inputs);
        Assert.Equal(1.5, input.Features["x"].GetDouble());
        Assert.Equal("red", input.Features["color"].GetString());
        Assert.Equal("user-7", input.EntityId);
        Assert.Equal("""{"x":1.5,"color":"red"}""", input.FeaturesJson);
    }

    [Fact]
    public void Read_ABatch_KeepsOrderAndAcceptsBareAndWrappedRows()
    {
        var (inputs, isBatch) = Read("""{"instances":[{"x":1},{"features":{"x":2},"entityId":"b"}]}""");

        Assert.True(isBatch);
        Assert.Equal([1.0, 2.0], inputs.Select(i => i.Features["x"].GetDouble()));
        Assert.Equal([null, "b"], inputs.Select(i => i.EntityId));
    }

    [Theory]
    [InlineData("""{"rows":[]}""", "'features'")]
    [InlineData("""{"instances":{}}""", "array")]
    [InlineData("""{"instances":[]}""", "1 to 3 rows")]
    [InlineData("""{"instances":[{},{},{},{}]}""", "1 to 3 rows")]
    [InlineData("""{"instances":[1]}""", "Instance 0")]
    [InlineData("""{"features":[1,2]}""", "object")]
    [InlineData("""{"features":{"x":1},"entityId":7}""", "'entityId'")]
    public void Read_AMalformedBody_IsRejectedNamingTheProblem(string body, string mentions)
    {
        var error = Assert.Throws<MlopsException>(() => Read(body));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The inputs are views into the request's document (no copy per feature), so it stays alive, as the request's does.</summary>
    private static (IReadOnlyList<Core.Serving.PredictionInput> Inputs, bool IsBatch) Read(string json) =>
        PredictRequestReader.Read(JsonDocument.Parse(json).RootElement, maxBatchSize: 3);
}
