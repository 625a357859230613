using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Mlops.Core.Ingestion;
using Mlops.Core.Serving;
using Mlops.Functions.Http;

namespace Mlops.DevHost.Functions;

/// <summary>
/// The DevHost server's request body limit: the largest body any function accepts (the upload's, unless set lower
/// than the others), so that each function's own limit, and its problem+json, decides rather than Kestrel's 30 MB
/// default. In Azure the Functions host applies its own request size limit before the worker sees a byte
/// (100 MB by default on Flex Consumption); that one is the host's concern, not this class's.
/// </summary>
public static class ServerBodyLimit
{
    public static BodyLimit Of(IngestionOptions ingestion, ServingOptions serving) =>
        new[] { BodyLimit.Upload(ingestion), BodyLimit.Request(serving), new BodyLimit(PutModelSpecFunction.MaxSpecBytes, Setting: null) }
            .MaxBy(limit => limit.Bytes)!;

    public static BodyLimit Of(IServiceProvider services) => Of(
        services.GetRequiredService<IOptions<IngestionOptions>>().Value,
        services.GetRequiredService<IOptions<ServingOptions>>().Value);

    /// <summary>Sets Kestrel's limit from the bound settings, so that Ingestion__MaxUploadBytes is the one knob.</summary>
    public static IServiceCollection AddServerBodyLimit(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<IngestionOptions>, IOptions<ServingOptions>>(
            (kestrel, ingestion, serving) => kestrel.Limits.MaxRequestBodySize = Of(ingestion.Value, serving.Value).Bytes);
        return services;
    }
}
