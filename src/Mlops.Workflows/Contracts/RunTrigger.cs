namespace Mlops.Workflows.Contracts;

/// <summary>What started a run: its kind and, in a few words, the detail (the route, the blob, the reason).</summary>
/// <param name="Kind">One of <see cref="RunTriggerKinds"/>.</param>
/// <param name="Detail">What a person needs to trace it back.</param>
public sealed record RunTrigger(string Kind, string? Detail)
{
    public static RunTrigger Upload(string blobName) => new(RunTriggerKinds.Upload, $"POST /api/datasets, stored as {blobName}");

    public static RunTrigger UploadRetrained(string blobName) => new(RunTriggerKinds.Upload, $"POST /api/datasets?retrain=true: {blobName} trained again under the model's spec as it is now");

    public static RunTrigger Blob(string blobName) => new(RunTriggerKinds.Blob, $"datasets/{blobName} landed in blob storage");

    public static RunTrigger Manual(string model, string blobName, bool retrain = false) => new(
        RunTriggerKinds.Manual,
        retrain ? $"POST /api/models/{model}/runs on {blobName}, trained again under the model's spec as it is now" : $"POST /api/models/{model}/runs on {blobName}");
}
