using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Core.Export;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>
/// A version's model.onnx downloaded over HTTP and scored by ONNX Runtime from the manifest alone, against what the
/// predict route answers for the same rows: the check a user moving the model elsewhere would make.
/// </summary>
internal static class OnnxDownload
{
    private const double Tolerance = 1e-4;

    public static async Task AssertScoresAsServedAsync(MlopsApi api, string model, int version, HeldOutSplit split, int rows)
    {
        var manifest = await api.GetObjectAsync($"api/models/{model}/versions/{version.ToString(CultureInfo.InvariantCulture)}");
        var export = manifest["onnx"].Deserialize<OnnxExport>(MlopsJson.Options)!;
        Assert.True(export.IsAvailable, $"{manifest["trainer"]}: {export.Reason}");
        var download = await api.Http.GetAsync(new Uri($"api/models/{model}/versions/{version.ToString(CultureInfo.InvariantCulture)}/artifact?format=onnx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var onnx = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(export.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)));
        Assert.Equal($"\"{export.Sha256}\"", download.Headers.ETag?.Tag);
        var classes = manifest["schema"]!["classLabels"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

        var held = split.HeldOut.Take(rows).ToList();
        var (status, _, body) = await api.PostJsonAsync($"api/models/{model}/predict", new { instances = held.Select(r => new { features = split.Features(r) }).ToArray() });
        Assert.Equal(HttpStatusCode.OK, status);
        var served = body!["predictions"]!.AsArray();
        using var scorer = new ManifestOnnxScorer(onnx, export);
        var scored = scorer.Score([.. held.Select(r => (IReadOnlyDictionary<string, string?>)split.Header.Select((c, i) => (c, r[i])).ToDictionary(p => p.c, p => (string?)p.Item2))]);

        for (var r = 0; r < held.Count; r++)
        {
            var answer = served[r]!;
            switch (classes.Count)
            {
                case 0:
                    AssertClose(answer["score"]!.GetValue<double>(), (float)scored[r]["Score"]);
                    break;
                case 2:
                    AssertClose(answer["probabilities"]![classes[1]]!.GetValue<double>(), (float)scored[r]["Probability"]);
                    Assert.Equal(answer["prediction"]!.GetValue<string>(), classes[(bool)scored[r]["PredictedLabel"] ? 1 : 0]);
                    break;
                default:
                    var probabilities = (float[])scored[r]["Score"];
                    for (var k = 0; k < classes.Count; k++)
                    {
                        AssertClose(answer["probabilities"]![classes[k]]!.GetValue<double>(), probabilities[k]);
                    }

                    Assert.Equal(answer["prediction"]!.GetValue<string>(), (string)scored[r]["PredictedLabel"]);
                    break;
            }
        }
    }

    private static void AssertClose(double served, double onnx) =>
        Assert.True(Math.Abs(served - onnx) <= Tolerance * Math.Max(1, Math.Abs(served)), string.Create(CultureInfo.InvariantCulture, $"served {served}, ONNX {onnx}"));
}
