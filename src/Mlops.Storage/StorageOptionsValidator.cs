using Microsoft.Extensions.Options;

namespace Mlops.Storage;

/// <summary>Fails start-up with a message that says which settings to provide.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string HowToConfigure =
        "Set AzureWebJobsStorage to a connection string (locally: Azurite's, or UseDevelopmentStorage=true), or, "
        + "identity-based as in Azure, AzureWebJobsStorage__blobServiceUri, AzureWebJobsStorage__queueServiceUri and "
        + "AzureWebJobsStorage__tableServiceUri (or AzureWebJobsStorage__accountName) with "
        + "AzureWebJobsStorage__credential=managedidentity and AzureWebJobsStorage__clientId.";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.UsesConnectionString)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        AddIfMissing(failures, options.ResolvedBlobServiceUri, "blobServiceUri");
        AddIfMissing(failures, options.ResolvedQueueServiceUri, "queueServiceUri");
        AddIfMissing(failures, options.ResolvedTableServiceUri, "tableServiceUri");
        if (failures.Count == 3)
        {
            return ValidateOptionsResult.Fail($"Storage is not configured. {HowToConfigure}");
        }

        if (options.Credential is { } credential
            && !string.Equals(credential, StorageOptions.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"AzureWebJobsStorage__credential is '{credential}', but the only supported value is '{StorageOptions.ManagedIdentityCredential}' (or leave it unset for DefaultAzureCredential).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfMissing(List<string> failures, Uri? uri, string key)
    {
        if (uri is null)
        {
            failures.Add($"AzureWebJobsStorage__{key} is missing. {HowToConfigure}");
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"AzureWebJobsStorage__{key} '{uri}' is not an absolute http(s) URI.");
        }
    }
}
