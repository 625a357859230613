namespace Mlops.Workflows.Contracts;

/// <summary>What started a run: its kind and, in a few words, the detail (the route, the blob, the reason).</summary>
/// <param name="Kind">One of <see cref="RunTriggerKinds"/>.</param>
/// <param name="Detail">What a person needs to trace it back.</param>
public sealed record RunTrigger(string Kind, string? Detail)
{
    public static RunTrigger Upload(string blobName) => new(RunTriggerKinds.Upload, $"POST /api/datasets, stored as {blobName}");

    public static RunTrigger Blob(string blobName) => new(RunTriggerKinds.Blob, $"datasets/{blobName} landed in blob storage");

    public static RunTrigger Manual(string model, string blobName) => new(RunTriggerKinds.Manual, $"POST /api/models/{model}/runs on {blobName}");
}
