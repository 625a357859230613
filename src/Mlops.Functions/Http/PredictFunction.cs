using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Mlops.Core.Serving;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>POST /api/models/{model}/predict: one row or a batch, scored by the champion, each prediction logged.</summary>
public sealed class PredictFunction(PredictionService predictions, IOptions<ServingOptions> options)
{
    [Function("Predict")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/{model}/predict")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(options.Value), cancellationToken);
        var (inputs, isBatch) = PredictRequestReader.Read(JsonBody.RootObject(body), options.Value.MaxBatchSize);
        var answers = await predictions.PredictAsync(model, inputs, cancellationToken);
        var views = answers.Select(ToView).ToArray();
        return new PredictionAnswer(views, isBatch);
    });

    private static PredictionView ToView(ServedPrediction p) => new(
        p.Probabilities is null && p.Score is { } value ? value : p.Prediction,
        p.Probabilities,
        p.Score,
        p.Version,
        p.Variant,
        p.PredictionId);
}
