using System.Globalization;
using System.Text.Json;

namespace Mlops.Infra.Tests.Arm;

/// <summary>
/// One template of the compiled deployment (main.bicep or a module), with the module deployment that
/// passes its parameters. Evaluates template values offline: literals, parameters (the value a parent
/// passes, else the default), variables and the pure functions below. Values only Azure knows come back
/// as <see cref="UnknownValue"/>; strings built from them (format, concat) as a <see cref="PartialString"/>
/// showing where they sit, e.g. https://⟨reference('app').defaultHostName⟩/runtime/webhooks/blobs.
/// </summary>
public sealed class TemplateScope
{
    private readonly IReadOnlyDictionary<string, object?> parameterValues;

    internal TemplateScope(JsonElement template, string path, JsonElement? deployment, TemplateScope? parent, IReadOnlyDictionary<string, object?>? parameterValues = null)
    {
        Template = template;
        Path = path;
        Deployment = deployment;
        Parent = parent;
        this.parameterValues = parameterValues ?? new Dictionary<string, object?>();
    }

    public JsonElement Template { get; }

    /// <summary>Symbolic names from main.bicep down, e.g. "main/functions".</summary>
    public string Path { get; }

    /// <summary>The Microsoft.Resources/deployments resource (in <see cref="Parent"/>) that deploys this template.</summary>
    public JsonElement? Deployment { get; }

    public TemplateScope? Parent { get; }

    /// <summary>Evaluates a value of this template; objects and arrays come back fully evaluated.</summary>
    public object? Evaluate(JsonElement value) => Materialize(EvaluateLazily(value));

    /// <summary>Evaluates a value that must be known offline and is a string.</summary>
    public string EvaluateString(JsonElement value) => Evaluate(value) switch
    {
        string s => s,
        var other => throw new InvalidOperationException($"{Path}: {value} is {Describe(other)}, not a known string."),
    };

    /// <summary>The value this template's parameter gets: passed by the parent deployment, else its default.</summary>
    public object? ParameterValue(string name) => Materialize(Parameter(name));

    /// <summary>
    /// Follows a value made of only a parameter up the module chain to where it is set, e.g. a module's
    /// "[parameters('identityName')]" to main.bicep's "[variables('names').identity]". Two values with the
    /// same origin are the same value in Azure, even if neither is known offline.
    /// </summary>
    public (string Expression, TemplateScope Scope) OriginOf(string expression)
    {
        var parameter = SingleParameterName(expression);
        if (parameter is not null && Deployment is { } deployment
            && deployment.GetProperty("properties").GetProperty("parameters").TryGetProperty(parameter, out var passed)
            && passed.ValueKind == JsonValueKind.Object
            && passed.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
        {
            return Parent!.OriginOf(value.GetString()!);
        }

        return (expression, this);
    }

    /// <summary>The name in an expression that is exactly [parameters('name')], else null.</summary>
    public static string? SingleParameterName(string expression)
    {
        if (!IsExpression(expression))
        {
            return null;
        }

        return ArmExpressionParser.Parse(expression[1..^1]) is CallNode { Function: var f, Arguments: [LiteralNode { Value: string name }] }
            && f.Equals("parameters", StringComparison.OrdinalIgnoreCase)
            ? name
            : null;
    }

    public static bool IsExpression(string text) => text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']');

    internal object? EvaluateLazily(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => EvaluateText(value.GetString()!),
        JsonValueKind.Number => value.TryGetInt64(out var l) ? (object)l : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => new TemplateJson(value, this),
    };

    private object? EvaluateText(string text)
    {
        if (!IsExpression(text))
        {
            return text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
        }

        return Evaluate(ArmExpressionParser.Parse(text[1..^1]));
    }

    private object? Parameter(string name)
    {
        if (parameterValues.TryGetValue(name, out var given))
        {
            return given;
        }

        if (Deployment is { } deployment
            && deployment.GetProperty("properties").GetProperty("parameters").TryGetProperty(name, out var passed))
        {
            // Bicep passes a value chosen at deployment time as one expression making the whole { "value": ... }.
            if (passed.ValueKind == JsonValueKind.String)
            {
                return Materialize(Parent!.EvaluateLazily(passed)) switch
                {
                    Dictionary<string, object?> entry when entry.TryGetValue("value", out var chosen) => chosen,
                    _ => new UnknownValue($"parameters('{name}')"),
                };
            }

            return passed.TryGetProperty("value", out var value) ? Parent!.EvaluateLazily(value) : new UnknownValue($"parameters('{name}')");
        }

        if (Template.GetProperty("parameters").TryGetProperty(name, out var declared))
        {
            return declared.TryGetProperty("defaultValue", out var defaultValue)
                ? EvaluateLazily(defaultValue)
                : new UnknownValue($"parameters('{name}')");
        }

        throw new InvalidOperationException($"{Path} has no parameter '{name}'.");
    }

    private object? Variable(string name)
    {
        if (Template.TryGetProperty("variables", out var variables) && variables.TryGetProperty(name, out var value))
        {
            return EvaluateLazily(value);
        }

        throw new InvalidOperationException($"{Path} has no variable '{name}'.");
    }

    private object? Evaluate(ExpressionNode node) => node switch
    {
        LiteralNode literal => literal.Value,
        MemberNode member => Member(Evaluate(member.Target), member.Member, member.Source),
        IndexNode index => Index(Evaluate(index.Target), Evaluate(index.Index), index.Source),
        CallNode call => Call(call),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private object? Call(CallNode call)
    {
        var name = call.Function.ToLowerInvariant();
        switch (name)
        {
            case "parameters":
                return Parameter(Text(Evaluate(call.Arguments[0])));
            case "variables":
                return Variable(Text(Evaluate(call.Arguments[0])));
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            case "if":
                // Like Resource Manager: only the branch the condition selects is evaluated.
                return Materialize(Evaluate(call.Arguments[0])) switch
                {
                    bool condition => Evaluate(call.Arguments[condition ? 1 : 2]),
                    _ => new UnknownValue(call.Source),
                };
        }

        var arguments = call.Arguments.Select(a => (Node: a, Value: Materialize(Evaluate(a)))).ToList();
        switch (name)
        {
            case "format":
                return Concatenate(arguments, a => string.Format(CultureInfo.InvariantCulture, a[0], a.Skip(1).ToArray<object>()));
            case "concat" when arguments.All(a => a.Value is string or UnknownValue or PartialString):
                return Concatenate(arguments, string.Concat);
            case "string":
                return arguments[0].Value switch
                {
                    UnknownValue or PartialString => arguments[0].Value,
                    string s => s,
                    bool b => b ? "True" : "False",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => JsonSerializer.Serialize(other),
                };
        }

        // Arrays and objects hold values only Azure knows as they are: they are containers, not computations.
        switch (name)
        {
            case "createarray":
                return arguments.Select(a => a.Value).ToList();
            case "createobject" when arguments.Where((_, i) => i % 2 == 0).All(a => a.Value is string):
                return Enumerable.Range(0, arguments.Count / 2).ToDictionary(i => (string)arguments[2 * i].Value!, i => arguments[(2 * i) + 1].Value);
        }

        if (arguments.Any(a => IsUnknown(a.Value)))
        {
            return new UnknownValue(call.Source);
        }

        var values = arguments.Select(a => a.Value).ToList();
        return name switch
        {
            "tolower" => ((string)values[0]!).ToLowerInvariant(),
            "toupper" => ((string)values[0]!).ToUpperInvariant(),
            "equals" => Equals(values[0], values[1]),
            "not" => !(bool)values[0]!,
            "and" => values.All(v => (bool)v!),
            "or" => values.Any(v => (bool)v!),
            "greater" => Convert.ToDouble(values[0], CultureInfo.InvariantCulture) > Convert.ToDouble(values[1], CultureInfo.InvariantCulture),
            "less" => Convert.ToDouble(values[0], CultureInfo.InvariantCulture) < Convert.ToDouble(values[1], CultureInfo.InvariantCulture),
            "empty" => values[0] switch
            {
                null => true,
                string s => s.Length == 0,
                List<object?> l => l.Count == 0,
                Dictionary<string, object?> d => d.Count == 0,
                _ => false,
            },
            "length" => values[0] switch
            {
                string s => (long)s.Length,
                List<object?> l => l.Count,
                Dictionary<string, object?> d => d.Count,
                _ => throw new InvalidOperationException($"length() of {Describe(values[0])}"),
            },
            "concat" when values.All(v => v is List<object?>) => values.Cast<List<object?>>().SelectMany(l => l).ToList(),
            "union" when values.All(v => v is Dictionary<string, object?>) => values.Cast<Dictionary<string, object?>>()
                .SelectMany(d => d).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            // Everything else needs Azure: reference, list*, resourceId, subscription, uniqueString, guid, ...
            _ => new UnknownValue(call.Source),
        };
    }

    /// <summary>format()/concat(): a string when every argument is known, else a <see cref="PartialString"/>.</summary>
    private static object Concatenate(List<(ExpressionNode Node, object? Value)> arguments, Func<string[], string> combine)
    {
        var texts = arguments.Select(a => a.Value is UnknownValue or PartialString ? a.Value.ToString()! : Text(a.Value)).ToArray();
        var combined = combine(texts);
        return arguments.Any(a => IsUnknown(a.Value)) ? new PartialString(combined) : combined;
    }

    private static bool IsUnknown(object? value) => value is UnknownValue or PartialString;

    private static object? Member(object? target, string member, string source) => target switch
    {
        UnknownValue or PartialString => new UnknownValue(source),
        TemplateJson { Element.ValueKind: JsonValueKind.Object } json => json.Element.TryGetProperty(member, out var value)
            ? json.Scope.EvaluateLazily(value)
            : throw new InvalidOperationException($"{json.Scope.Path}: no '{member}' in {json.Element}."),
        Dictionary<string, object?> dictionary => dictionary[member],
        _ => throw new InvalidOperationException($"'{source}': {Describe(target)} has no member '{member}'."),
    };

    private static object? Index(object? target, object? index, string source) => (target, index) switch
    {
        (UnknownValue or PartialString, _) or (_, UnknownValue or PartialString) => new UnknownValue(source),
        (TemplateJson { Element.ValueKind: JsonValueKind.Array } json, long i) => json.Scope.EvaluateLazily(json.Element[(int)i]),
        (TemplateJson { Element.ValueKind: JsonValueKind.Object } json, string key) => json.Scope.EvaluateLazily(json.Element.GetProperty(key)),
        (List<object?> list, long i) => list[(int)i],
        (Dictionary<string, object?> dictionary, string key) => dictionary[key],
        _ => throw new InvalidOperationException($"'{source}': cannot index {Describe(target)} with {Describe(index)}."),
    };

    /// <summary>Turns template objects and arrays into dictionaries and lists of evaluated values.</summary>
    internal static object? Materialize(object? value) => value switch
    {
        TemplateJson { Element.ValueKind: JsonValueKind.Object } json => json.Element.EnumerateObject()
            .ToDictionary(p => p.Name, p => Materialize(json.Scope.EvaluateLazily(p.Value))),
        TemplateJson { Element.ValueKind: JsonValueKind.Array } json => json.Element.EnumerateArray()
            .Select(e => Materialize(json.Scope.EvaluateLazily(e))).ToList(),
        List<object?> list => list.Select(Materialize).ToList(),
        Dictionary<string, object?> dictionary => dictionary.ToDictionary(kv => kv.Key, kv => Materialize(kv.Value)),
        _ => value,
    };

    private static string Text(object? value) => value switch
    {
        string s => s,
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        null => string.Empty,
        _ => throw new InvalidOperationException($"{Describe(value)} is not text."),
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        UnknownValue or PartialString => $"unknown offline ({value})",
        _ => $"{value.GetType().Name} '{value}'",
    };
}
