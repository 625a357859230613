namespace Mlops.Cli.Api.Contracts;

/// <summary>PUT /api/models/{model}/aliases/{alias}: where the alias points now and where it pointed before.</summary>
public sealed record AliasMoved(string Model, string Alias, int Version, int? PreviousVersion);
