using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class JsonAnswerOptionsTests
{
    [Fact]
    public void RoutesAnswerEnumsByName_AsTheStoredJsonDoes()
    {
        using var provider = new ServiceCollection().AddLogging().AddMvcCore().Services.AddMlopsJsonAnswers().BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var schema = new DatasetSchema([new ColumnSchema("age", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"])
        {
            Dialect = new CsvDialect(';', ',', DateOrder.DayFirst),
        };

        var answered = JsonSerializer.Serialize(schema, options);

        Assert.Contains("\"kind\":\"numeric\"", answered, StringComparison.Ordinal);
        Assert.Contains("\"task\":\"binaryClassification\"", answered, StringComparison.Ordinal);
        Assert.Contains("\"dialect\":{\"delimiter\":\";\",\"decimalMark\":\",\",\"dateOrder\":\"dayFirst\"}", answered, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(schema, MlopsJson.Options), answered);
    }

    [Fact]
    public void RoutesAnswerLettersOfAnyScriptAsTheyAre_AndStillEscapeMarkup()
    {
        using var provider = new ServiceCollection().AddLogging().AddMvcCore().Services.AddMlopsJsonAnswers().BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var schema = new DatasetSchema([new ColumnSchema("observação", ColumnKind.Categorical)], "<label>", MlTask.BinaryClassification, ["não", "日本"]);

        var answered = JsonSerializer.Serialize(schema, options);

        Assert.Contains("\"observação\"", answered, StringComparison.Ordinal);
        Assert.Contains("[\"não\",\"日本\"]", answered, StringComparison.Ordinal);
        Assert.Contains("\\u003Clabel\\u003E", answered, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(schema, MlopsJson.Options), answered);
    }
}
