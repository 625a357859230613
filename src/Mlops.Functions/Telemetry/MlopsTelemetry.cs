using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mlops.Functions.Telemetry;

/// <summary>The product's one ActivitySource and one Meter, both named "Mlops".</summary>
public static class MlopsTelemetry
{
    public const string Name = "Mlops";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
