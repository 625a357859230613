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

/// <summary>
/// POST /api/models/{model}/feedback: the true label for a served prediction, <c>{"predictionId","label"}</c>, or many at
/// once, <c>{"feedback":[{"predictionId","label"},...]}</c>, each answered on its own (an unknown prediction or a label
/// the model cannot have is refused for that item only).
/// </summary>
public sealed class FeedbackFunction(FeedbackService feedback, IOptions<ServingOptions> options)
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
        if (!root.TryGetProperty("feedback", out var items))
        {
            var (predictionId, label) = ReadItem(root, string.Empty);
            var single = (await feedback.RecordAsync(model, [(predictionId, label)], cancellationToken))[0];
            return single.Error is { } error ? throw error : new OkObjectResult(new FeedbackAccepted(model, predictionId, label) { Pending = single.Pending });
        }

        var max = options.Value.MaxBatchSize;
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() is 0 || items.GetArrayLength() > max)
        {
            throw MlopsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Field 'feedback' must be an array of 1 to {max} items such as {{\"predictionId\": \"...\", \"label\": \"yes\"}}."));
        }

        var read = items.EnumerateArray().Select((item, i) => Read(item, i)).ToList();
        var valid = read.Where(r => r.Error is null).Select(r => (r.PredictionId, r.Label!)).ToList();
        var recorded = new Queue<FeedbackOutcome>(await feedback.RecordAsync(model, valid, cancellationToken));
        var results = read.Select(r => r.Error is null ? View(recorded.Dequeue()) : new FeedbackItemView(r.PredictionId, r.Label, false, 400, r.Error)).ToArray();
        return new OkObjectResult(new FeedbackBatchView(model, results.Count(r => r.Accepted), results));
    });

    private static (string PredictionId, string? Label, string? Error) Read(JsonElement item, int index)
    {
        try
        {
            var (id, label) = ReadItem(item, string.Create(CultureInfo.InvariantCulture, $"feedback[{index}]."));
            return (id, label, null);
        }
        catch (MlopsException e)
        {
            var id = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("predictionId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;
            return (id, null, e.Message);
        }
    }

    private static (string PredictionId, string Label) ReadItem(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("predictionId", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { Length: > 0 and <= 64 } predictionId
            || !predictionId.All(char.IsAsciiLetterOrDigit))
        {
            throw MlopsException.Invalid($"Field '{path}predictionId' is required: the id a predict call answered.");
        }

        var label = (item.TryGetProperty("label", out var labelElement) ? LabelText(labelElement) : null)
            ?? throw MlopsException.Invalid($"Field '{path}label' is required: the true outcome, as a string, number or boolean.");
        return (predictionId, label);
    }

    private static FeedbackItemView View(FeedbackOutcome outcome) => outcome.Error is { } error
        ? new FeedbackItemView(outcome.PredictionId, outcome.Label, false, error.Code == MlopsErrorCode.ResourceDoesNotExist ? 404 : 400, error.Message)
        : new FeedbackItemView(outcome.PredictionId, outcome.Label, true, 200, null) { Pending = outcome.Pending };

    private static string? LabelText(JsonElement label) => label.ValueKind switch
    {
        JsonValueKind.String => label.GetString(),
        JsonValueKind.Number => label.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
