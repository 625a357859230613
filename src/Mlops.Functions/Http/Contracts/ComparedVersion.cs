namespace Mlops.Functions.Http.Contracts;

public sealed record ComparedVersion(int Version, DateTimeOffset CreatedAt, string Trainer, string Dataset, string DatasetSha256, IReadOnlyDictionary<string, string> Parameters);
