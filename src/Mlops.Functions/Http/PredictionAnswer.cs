using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Mlops.Core;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>
/// Predict's 200: one <see cref="PredictionView"/>, or <see cref="BatchPredictionView"/> for a batch, written field by
/// field straight into the response. It is the JSON the product's serializer settings give these records (a test holds
/// the two equal); the route every request pays for skips MVC's content negotiation, its stream writer and the
/// serializer's reflection over a shape that never changes.
/// </summary>
public sealed class PredictionAnswer(IReadOnlyList<PredictionView> predictions, bool isBatch) : IActionResult
{
    public IReadOnlyList<PredictionView> Predictions { get; } = predictions;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, MlopsJson.WriterOptions))
        {
            Write(writer);
        }

        await response.BodyWriter.FlushAsync(context.HttpContext.RequestAborted);
    }

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!isBatch)
        {
            Write(writer, Predictions[0]);
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartArray("predictions");
        foreach (var prediction in Predictions)
        {
            Write(writer, prediction);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, PredictionView view)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("prediction");
        switch (view.Prediction)
        {
            case string label:
                writer.WriteStringValue(label);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, view.Prediction, MlopsJson.Options);
                break;
        }

        if (view.Probabilities is { } probabilities)
        {
            writer.WriteStartObject("probabilities");
            foreach (var (label, probability) in probabilities)
            {
                writer.WriteNumber(label, probability);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("probabilities");
        }

        if (view.Score is { } score)
        {
            writer.WriteNumber("score", score);
        }
        else
        {
            writer.WriteNull("score");
        }

        writer.WriteNumber("version", view.Version);
        writer.WriteString("variant", view.Variant);
        writer.WriteString("predictionId", view.PredictionId);
        writer.WriteEndObject();
    }
}
