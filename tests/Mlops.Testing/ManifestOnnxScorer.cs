using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mlops.Core.Export;

namespace Mlops.Testing;

/// <summary>
/// Scores raw rows with a model.onnx the way a consumer outside this product would: the inputs built from the
/// manifest's feature map alone (not from the product's own featurization code), run by ONNX Runtime.
/// </summary>
public sealed class ManifestOnnxScorer(byte[] onnx, OnnxExport export) : IDisposable
{
    private readonly InferenceSession session = new(onnx);

    /// <summary>Each row's outputs by column name (the part of the graph's output name before the first dot).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> Score(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inputs = export.Inputs.Select(input => Input(input, rows)).ToList();
        using var results = session.Run(inputs);
        var scored = rows.Select(_ => new Dictionary<string, object>(StringComparer.Ordinal)).ToList();
        foreach (var result in results)
        {
            var column = result.Name.Split('.')[0];
            switch (result.ElementType)
            {
                case TensorElementType.Float:
                    Spread(result.AsTensor<float>().ToArray(), scored, column);
                    break;
                case TensorElementType.Bool:
                    Spread(result.AsTensor<bool>().ToArray(), scored, column);
                    break;
                case TensorElementType.String:
                    Spread(result.AsTensor<string>().ToArray(), scored, column);
                    break;
            }
        }

        return scored;
    }

    public void Dispose() => session.Dispose();

    /// <summary>A row's slice of a flat output: one value per row, or a vector (a multiclass score) per row.</summary>
    private static void Spread<T>(T[] values, List<Dictionary<string, object>> scored, string column)
        where T : notnull
    {
        var width = values.Length / scored.Count;
        for (var r = 0; r < scored.Count; r++)
        {
            scored[r][column] = width == 1 ? values[r] : values.AsSpan(r * width, width).ToArray();
        }
    }

    private NamedOnnxValue Input(OnnxTensor input, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        var width = (int)input.Shape[1];
        var features = export.Features.Where(f => f.Input == input.Name).ToList();
        if (input.Type == "float")
        {
            var tensor = new DenseTensor<float>([rows.Count, width]);
            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var feature in features)
                {
                    var raw = rows[r].GetValueOrDefault(feature.Feature);
                    for (var k = 0; k < feature.Width; k++)
                    {
                        tensor[r, feature.Slot + k] = feature.Width == 1 ? Number(raw) : DatePart(raw, k);
                    }
                }
            }

            return NamedOnnxValue.CreateFromTensor(input.Name, tensor);
        }

        var strings = new DenseTensor<string>([rows.Count, width]);
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var feature in features)
            {
                var raw = rows[r].GetValueOrDefault(feature.Feature)?.Trim() ?? string.Empty;
                strings[r, feature.Slot] = feature.TokenPrefix is { } prefix ? prefix + raw : raw;
            }
        }

        return NamedOnnxValue.CreateFromTensor(input.Name, strings);
    }

    private static float Number(string? raw) =>
        float.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : float.NaN;

    private static float DatePart(string? raw, int part)
    {
        if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return float.NaN;
        }

        return part switch
        {
            0 => date.Year,
            1 => date.Month,
            2 => date.Day,
            3 => (int)date.DayOfWeek,
            4 => date.Hour,
            5 => (float)(date - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays,
            _ => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0,
        };
    }
}
