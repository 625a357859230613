using Azure;

namespace Mlops.Storage;

internal static class StorageErrors
{
    public const int NotFound = 404;
    public const int Conflict = 409;
    public const int PreconditionFailed = 412;

    public static bool IsBlobMissing(this RequestFailedException e) =>
        e.Status == NotFound && e.ErrorCode is null or "BlobNotFound";
}
