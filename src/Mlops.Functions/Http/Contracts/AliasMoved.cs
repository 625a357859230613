namespace Mlops.Functions.Http.Contracts;

public sealed record AliasMoved(string Model, string Alias, int Version, int? PreviousVersion);
