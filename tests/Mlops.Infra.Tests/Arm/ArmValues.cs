using System.Text.Json;

namespace Mlops.Infra.Tests.Arm;

/// <summary>
/// A value only Azure knows at deployment time (reference(), listKeys(), resourceId(), uniqueString() ...),
/// shown by the expression it came from, e.g. ⟨reference('storage').primaryEndpoints.blob⟩.
/// </summary>
public sealed record UnknownValue(string Source)
{
    public override string ToString() => $"⟨{Source}⟩";
}

/// <summary>A string built (format, concat) from known parts and parts only Azure knows, shown ⟨...⟩.</summary>
public sealed record PartialString(string Rendered)
{
    public override string ToString() => Rendered;
}

/// <summary>An object or array of the template, evaluated member by member when read.</summary>
public sealed record TemplateJson(JsonElement Element, TemplateScope Scope);
