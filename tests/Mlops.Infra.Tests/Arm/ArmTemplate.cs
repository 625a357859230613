using System.Text.Json;

namespace Mlops.Infra.Tests.Arm;

/// <summary>A resource declared in the compiled template or one of its modules.</summary>
public sealed record TemplateResource(string SymbolicName, JsonElement Json, TemplateScope Scope)
{
    public string Type => Json.GetProperty("type").GetString()!;

    /// <summary>Declared with the existing keyword: referenced, not deployed.</summary>
    public bool IsExisting => Json.TryGetProperty("existing", out var existing) && existing.GetBoolean();

    /// <summary>The JSON at a path under the resource, e.g. ("properties", "filter", "subjectBeginsWith").</summary>
    public JsonElement Get(params string[] path)
    {
        var element = Json;
        foreach (var name in path)
        {
            if (!element.TryGetProperty(name, out element))
            {
                throw new InvalidOperationException($"{Scope.Path}/{SymbolicName} ({Type}) has no {string.Join('.', path)}.");
            }
        }

        return element;
    }

    public bool Has(params string[] path)
    {
        var element = Json;
        return path.All(name => element.TryGetProperty(name, out element));
    }

    /// <summary>The value at a path, evaluated offline (see <see cref="TemplateScope.Evaluate"/>).</summary>
    public object? Evaluate(params string[] path) => Scope.Evaluate(Get(path));

    /// <summary>The expression at a path as written in the template, e.g. "[parameters('name')]".</summary>
    public string Raw(params string[] path) => Get(path).ValueKind == JsonValueKind.String ? Get(path).GetString()! : Get(path).GetRawText();

    public override string ToString() => $"{Scope.Path}/{SymbolicName} ({Type})";
}

/// <summary>
/// The ARM template `bicep build` makes of infra/main.bicep: main's template and, inside each module's
/// Microsoft.Resources/deployments resource, the module's template. Handles both layouts Bicep emits
/// (resources as an array, or as an object keyed by symbolic name with languageVersion 2.0).
/// </summary>
public sealed class ArmTemplate
{
    private ArmTemplate(JsonDocument document, IReadOnlyDictionary<string, object?>? mainParameters = null)
    {
        Document = document;
        Main = new TemplateScope(document.RootElement, "main", deployment: null, parent: null, mainParameters);
        Resources = Enumerate(Main).ToList();
    }

    public JsonDocument Document { get; }

    public TemplateScope Main { get; }

    /// <summary>Every resource of every template, existing ones included.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public static ArmTemplate Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)));

    /// <summary>
    /// The same template deployed with these values of main.bicep's parameters (the others keep their defaults),
    /// e.g. a later provisioning: ("blobEventSubscriptionEnabled", true). Shares this template's document.
    /// </summary>
    public ArmTemplate WithParameters(IReadOnlyDictionary<string, object?> mainParameters) => new(Document, mainParameters);

    /// <summary>
    /// The resources of a type that are deployed (not existing references) with these parameters. A module whose condition
    /// is false leaves out everything it holds (the other hosting option's resources); a resource's own condition is
    /// left to the tests, which assert on it.
    /// </summary>
    public IReadOnlyList<TemplateResource> Deployed(string type) =>
        Resources.Where(r => !r.IsExisting && r.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && IsModuleDeployed(r.Scope)).ToList();

    /// <summary>Whether the module a scope is the template of (and every module above it) is deployed; unknown counts as deployed.</summary>
    public static bool IsModuleDeployed(TemplateScope scope)
    {
        for (var current = scope; current is { Deployment: { } deployment, Parent: { } parent }; current = parent)
        {
            if (deployment.TryGetProperty("condition", out var condition) && parent.Evaluate(condition) is false)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The one deployed resource of a type.</summary>
    public TemplateResource The(string type)
    {
        var found = Deployed(type);
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"Expected one {type}, found {found.Count}: {string.Join(", ", found)}.");
    }

    /// <summary>The resource an existing reference points at: the deployed resource of the same type whose name has the same origin.</summary>
    public TemplateResource? DeployedCounterpart(TemplateResource existing)
    {
        var origin = OriginOfName(existing);
        return Deployed(existing.Type).FirstOrDefault(r => OriginOfName(r) == origin);
    }

    /// <summary>Where a resource's name is set (see <see cref="TemplateScope.OriginOf"/>), as text.</summary>
    public static string OriginOfName(TemplateResource resource)
    {
        var (expression, scope) = resource.Scope.OriginOf(resource.Raw("name"));
        return $"{scope.Path}: {expression}";
    }

    private static IEnumerable<TemplateResource> Enumerate(TemplateScope scope)
    {
        var resources = scope.Template.GetProperty("resources");
        var declared = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => (p.Name, p.Value))
            : resources.EnumerateArray().Select(r => (Name: r.GetProperty("name").GetString()!, Value: r));

        foreach (var (name, json) in declared)
        {
            var resource = new TemplateResource(name, json, scope);
            yield return resource;
            if (resource.Type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                && json.GetProperty("properties").TryGetProperty("template", out var template))
            {
                foreach (var inner in Enumerate(new TemplateScope(template, $"{scope.Path}/{name}", json, scope)))
                {
                    yield return inner;
                }
            }
        }
    }
}
