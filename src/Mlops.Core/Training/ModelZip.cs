using System.IO.Compression;
using Microsoft.ML;
using Mlops.Core.Training.Ensembles;

namespace Mlops.Core.Training;

/// <summary>The model.zip format: ML.NET's own, with the input schema saved beside the transformer.</summary>
internal static class ModelZip
{
    // ZIP entries carry the time they were written; a fixed one makes the same training give the same bytes
    // (and SHA-256) nearly always, which is what lets a retried training activity overwrite its artifact harmlessly.
    // Not always: ML.NET's binary IDV writer (a label map is saved as one) sometimes frames its compressed block
    // differently for the same content, so a retry can write other bytes for the same model; the registry records the
    // SHA-256 of the bytes the activity that succeeded wrote.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static BinaryData Save(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var saved = new MemoryStream();
        ml.Model.Save(model, inputSchema, saved);
        saved.Position = 0;

        using var normalized = new MemoryStream();
        using (var source = new ZipArchive(saved, ZipArchiveMode.Read))
        using (var target = new ZipArchive(normalized, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return new BinaryData(normalized.ToArray());
    }

    public static ITransformer Load(MLContext ml, BinaryData zip)
    {
        // A multiclass blend names its last step by contract; the context finds it only in a registered assembly.
        ml.ComponentCatalog.RegisterAssembly(typeof(MulticlassBlendMapping).Assembly);
        using var stream = zip.ToStream();
        var model = ml.Model.Load(stream, out var input);
        return MulticlassBlendMapping.Sized(ml, model, input);
    }
}
