using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// What a typed copy is made of: the dataset, the schema that types it and the sample taken of it. The name is made once
/// from all three, so a copy can never stand for other data and a caller that keys on it pays for the hash once.
/// </summary>
public sealed record ColumnarCopyKey(DatasetRef Dataset, DatasetSchema Schema, RowSampling? Sampling)
{
    /// <summary>"{model}/{dataset SHA-256}/{hash of the schema and the sample}.parquet".</summary>
    public string Name { get; } = NameOf(Dataset, Schema, Sampling);

    private static string NameOf(DatasetRef dataset, DatasetSchema schema, RowSampling? sampling)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(schema);
        var shape = JsonSerializer.Serialize(new { schema, sampling }, MlopsJson.Options);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)).AsSpan(0, 16));
        return $"{dataset.Model}/{dataset.Sha256}/{key}.parquet";
    }
}
