using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Mlops.Core;
using Mlops.Functions.Http;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Tests.Http;

/// <summary>Predict writes its answer by hand for speed; it must be exactly what the product's serializer writes.</summary>
public sealed class PredictionAnswerTests
{
    private static readonly PredictionView Classified = new(
        "malignant", new Dictionary<string, double> { ["benign"] = 1.0728836E-06, ["malignant"] = 0.9999989, ["Ünïcode \"quoted\""] = 0.5 }, 0.9999989, 3, "challenger", "019ae8a1b2c34d5e8f901234567890ab");

    private static readonly PredictionView Regressed = new(152.13412475585938, null, 152.13412475585938, 1, "champion", "019ae8a1b2c34d5e8f901234567890ac");

    private static readonly PredictionView Unscored = new("<script>", null, null, 12, "champion", "019ae8a1b2c34d5e8f901234567890ad");

    public static TheoryData<PredictionView> Views => new() { Classified, Regressed, Unscored };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task OnePrediction_IsWhatTheSerializerWrites(PredictionView view)
    {
        var (body, contentType, status) = await ExecuteAsync(new PredictionAnswer([view], isBatch: false));

        Assert.Equal(JsonSerializer.Serialize(view, MlopsJson.Options), body);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal(StatusCodes.Status200OK, status);
    }

    [Fact]
    public async Task ABatch_IsWhatTheSerializerWrites_InOrder()
    {
        var views = new[] { Classified, Regressed, Unscored };

        var (body, _, _) = await ExecuteAsync(new PredictionAnswer(views, isBatch: true));

        Assert.Equal(JsonSerializer.Serialize(new BatchPredictionView(views), MlopsJson.Options), body);
    }

    [Fact]
    public async Task Labels_KeepTheirLetters_AndMarkupIsEscaped()
    {
        var (body, _, _) = await ExecuteAsync(new PredictionAnswer([Classified with { Prediction = "São Paulo" }, Unscored], isBatch: true));

        Assert.Contains("\"São Paulo\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Ünïcode ", body, StringComparison.Ordinal);
        Assert.Contains("\"\\u003Cscript\\u003E\"", body, StringComparison.Ordinal);
    }

    private static async Task<(string Body, string? ContentType, int Status)> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext();
        using var stream = new MemoryStream();
        context.Response.Body = stream;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return (Encoding.UTF8.GetString(stream.ToArray()), context.Response.ContentType, context.Response.StatusCode);
    }
}
