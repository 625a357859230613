using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Feedback;
using Mlops.Core.Serving;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>POST /api/models/{model}/feedback {"predictionId","label"}: the true label for a served prediction.</summary>
public sealed class FeedbackFunction(IPredictionLog predictions, IFeedbackStore feedback, IOptions<ServingOptions> options, TimeProvider clock)
{
    [Function("Feedback")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/{model}/feedback")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(options.Value), cancellationToken);
        var root = JsonBody.RootObject(body);
        if (!root.TryGetProperty("predictionId", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { Length: > 0 and <= 64 } predictionId
            || !predictionId.All(char.IsAsciiLetterOrDigit))
        {
            throw MlopsException.Invalid("Field 'predictionId' is required: the id a predict call answered.");
        }

        var label = (root.TryGetProperty("label", out var labelElement) ? LabelText(labelElement) : null)
            ?? throw MlopsException.Invalid("Field 'label' is required: the true outcome, as a string, number or boolean.");

        _ = await predictions.GetAsync(model, predictionId, cancellationToken)
            ?? throw MlopsException.NotFound($"Model '{model}' has no prediction '{predictionId}'.");
        await feedback.RecordAsync(new FeedbackRecord(model, predictionId, label, clock.GetUtcNow()), cancellationToken);
        return new OkObjectResult(new FeedbackAccepted(model, predictionId, label));
    });

    private static string? LabelText(JsonElement label) => label.ValueKind switch
    {
        JsonValueKind.String => label.GetString(),
        JsonValueKind.Number => label.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
