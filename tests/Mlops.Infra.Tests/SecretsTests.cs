using System.Text.RegularExpressions;
using Mlops.Infra.Tests.Bicep;
using Mlops.Testing;

namespace Mlops.Infra.Tests;

/// <summary>
/// Delivery is keyless: no secret, key or connection string with a key is written in the infrastructure,
/// azure.yaml, the deployment scripts or the workflows. The one key the product needs (the blobs extension's
/// webhook key for Event Grid) is read by Resource Manager with listKeys() during deployment.
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed partial class SecretsTests(CompiledInfrastructure infrastructure)
{
    /// <summary>The one place listKeys() is allowed: the Event Grid subscription's webhook URL.</summary>
    private static readonly string WebhookKeyFile = Path.Combine("infra", "app", "eventgrid.bicep");

    /// <summary>Secrets themselves: never in any delivery file, documentation included.</summary>
    private static readonly (string Name, Regex Pattern)[] SecretPatterns =
    [
        ("storage account key", new Regex(@"AccountKey\s*=", RegexOptions.IgnoreCase)),
        ("storage connection string", new Regex(@"DefaultEndpointsProtocol\s*=", RegexOptions.IgnoreCase)),
        ("shared access signature", new Regex(@"SharedAccessSignature|[?&]sig=|[?&]sv=\d{4}-", RegexOptions.IgnoreCase)),
        ("instrumentation key", new Regex(@"InstrumentationKey\s*=", RegexOptions.IgnoreCase)),
        ("private key", new Regex("-----BEGIN", RegexOptions.IgnoreCase)),
        ("function key in a URL", new Regex(@"code=[A-Za-z0-9_\-]{20,}")),
    ];

    /// <summary>Ways of handling secrets the delivery must not use (documentation may describe them).</summary>
    private static readonly (string Name, Regex Pattern)[] SecretHandlingPatterns =
    [
        ("development storage connection string", new Regex("UseDevelopmentStorage", RegexOptions.IgnoreCase)),
        ("client secret", new Regex(@"client[-_ ]?secret|AZURE_CLIENT_SECRET|clientSecret", RegexOptions.IgnoreCase)),
        ("password", new Regex("password", RegexOptions.IgnoreCase)),
        ("GitHub stored secret", new Regex(@"\$\{\{\s*secrets\.", RegexOptions.IgnoreCase)),
        ("function keys read by a script", new Regex(@"functionapp\s+keys|host/default/listkeys", RegexOptions.IgnoreCase)),
        ("storage keys read by a script", new Regex(@"storage\s+account\s+keys|--account-key", RegexOptions.IgnoreCase)),
    ];

    /// <summary>infra/, azure.yaml, the azd hooks, the Bicep script and the GitHub workflows.</summary>
    public static TheoryData<string> DeliveryFiles()
    {
        var roots = new[] { "infra", Path.Combine(".github", "workflows"), Path.Combine("scripts", "azd") };
        var files = roots.Select(r => RepositoryPaths.Combine(r))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Append(RepositoryPaths.Combine("azure.yaml"))
            .Append(RepositoryPaths.Combine("scripts", "bicep.sh"))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(DeliveryFiles))]
    public void DeliveryFile_HoldsNoSecret(string file)
    {
        var patterns = IsDocumentation(file) ? SecretPatterns : [.. SecretPatterns, .. SecretHandlingPatterns];
        var lines = File.ReadAllLines(RepositoryPaths.Combine(file));
        var findings = lines
            .SelectMany((line, i) => patterns.Where(p => p.Pattern.IsMatch(line)).Select(p => $"{file}:{i + 1}: {p.Name}: {line.Trim()}"))
            .ToList();

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Theory]
    [MemberData(nameof(DeliveryFiles))]
    public void ListKeys_IsUsedOnlyForTheEventGridWebhook(string file)
    {
        var uses = IsDocumentation(file) ? 0 : File.ReadAllLines(RepositoryPaths.Combine(file)).Sum(line => ListKeys().Count(WithoutComment(file, line)));

        Assert.Equal(file == WebhookKeyFile ? 1 : 0, uses);
    }

    [Fact]
    public void CompiledTemplate_ReadsKeysOnlyInTheWebhookUrl()
    {
        var withKeys = infrastructure.Template.Resources
            .SelectMany(r => StringsIn(r.Json, r.ToString()))
            .Where(s => ListKeys().IsMatch(s.Value))
            .Select(s => s.Where)
            .ToList();

        var use = Assert.Single(withKeys);
        Assert.Contains("Microsoft.EventGrid/systemTopics/eventSubscriptions", use, StringComparison.Ordinal);
        Assert.EndsWith("destination.properties.endpointUrl", use, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_CarryNoKeyOrConnectionString()
    {
        var templates = infrastructure.Template.Resources.Select(r => r.Scope).Distinct().Select(s => s.Template);
        var outputs = templates
            .Where(t => t.TryGetProperty("outputs", out _))
            .SelectMany(t => t.GetProperty("outputs").EnumerateObject())
            .ToList();

        Assert.All(outputs, output =>
        {
            Assert.DoesNotMatch(ListKeys(), output.Value.ToString());
            Assert.DoesNotContain("ConnectionString", output.Value.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("connectionstring", output.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("key", output.Name, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Parameters_TakeNoSecret()
    {
        var templates = infrastructure.Template.Resources.Select(r => r.Scope).Distinct().Select(s => s.Template);
        var parameters = templates.SelectMany(t => t.GetProperty("parameters").EnumerateObject());

        Assert.All(parameters, p => Assert.NotEqual("securestring", p.Value.TryGetProperty("type", out var type) ? type.GetString() : null, StringComparer.OrdinalIgnoreCase));
    }

    private static IEnumerable<(string Where, string Value)> StringsIn(System.Text.Json.JsonElement element, string where) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [(where, element.GetString()!)],
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject()
            .Where(p => p.Name != "template") // a module's template is enumerated as its own resources
            .SelectMany(p => StringsIn(p.Value, $"{where}.{p.Name}")),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => StringsIn(e, $"{where}[{i}]")),
        _ => [],
    };

    private static bool IsDocumentation(string file) => Path.GetExtension(file) == ".md";

    /// <summary>A line, or nothing if it is a comment (// in Bicep, # in shell, PowerShell and YAML): mentions in prose do not count.</summary>
    private static string WithoutComment(string file, string line)
    {
        var marker = Path.GetExtension(file) == ".bicep" ? "//" : "#";
        return line.TrimStart().StartsWith(marker, StringComparison.Ordinal) ? string.Empty : line;
    }

    [GeneratedRegex(@"\blist[A-Za-z]*\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListKeys();
}
