using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;

namespace Mlops.Functions.Http;

/// <summary>
/// The JSON every route answers with (MVC's ObjectResult) matches what the product stores (MlopsJson): enums by their
/// camelCase names. Without it a task or a column kind reached users as a bare number ("kind": 0) in some answers and as
/// a name ("kind": "numeric") in the manifests and contracts they download. Text is escaped as MlopsJson escapes it.
/// </summary>
public static class JsonAnswerOptions
{
    public static IServiceCollection AddMlopsJsonAnswers(this IServiceCollection services) =>
        services.Configure<JsonOptions>(o =>
        {
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.JsonSerializerOptions.Encoder = MlopsJson.Encoder;
        });
}
