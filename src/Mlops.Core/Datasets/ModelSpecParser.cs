using System.Text.Json;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// Parses a model's optional spec, "datasets/{model}/mlops.json":
/// <c>{"label": "...", "task": "binary|multiclass|regression", "primaryMetric": "auc", "id": [...], "ignore": [...],
/// "categorical": [...], "text": [...], "delimiter": ";", "decimal": ",", "dateOrder": "dmy", "encoding": "windows-1252", "thresholds": {"maxMissingRate": 0.3, ...}, "gates": {...},
/// "promotion": {...}, "monitoring": {...}, "ensemble": false, "webhooks": [...]}</c>
/// (gates: <see cref="ModelSpecGatesReader"/>; monitoring: <see cref="ModelSpecMonitoringReader"/>).
/// </summary>
/// <remarks>
/// Read by hand over <see cref="JsonDocument"/> rather than deserialized so that every mistake (an unknown
/// property, a misspelled task, a number where a name belongs) becomes a sentence naming the property, which the
/// quarantine report shows to the person who wrote the file.
/// </remarks>
public static class ModelSpecParser
{
    private const string FileName = "mlops.json";

    /// <summary>Bounds on "missingValues": every cell of every column is compared with each one.</summary>
    private const int MaxMissingValues = 50;

    private const int MaxMissingValueLength = 100;

    /// <summary>How the spec is read wherever it is: people write this file by hand.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // People write this file by hand.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Dictionary<string, MlTask> Tasks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binary"] = MlTask.BinaryClassification,
        ["multiclass"] = MlTask.MulticlassClassification,
        ["regression"] = MlTask.Regression,
        [nameof(MlTask.BinaryClassification)] = MlTask.BinaryClassification,
        [nameof(MlTask.MulticlassClassification)] = MlTask.MulticlassClassification,
        [nameof(MlTask.Regression)] = MlTask.Regression,
    };

    /// <summary>Parses <paramref name="json"/>; on any mistake returns null and sets <paramref name="error"/>.</summary>
    public static ModelSpec? Parse(string json, out ValidationFinding? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Read(document.RootElement, out error);
        }
        catch (JsonException ex)
        {
            error = Invalid($"{FileName} is not valid JSON{Where(ex)}: {WithoutPosition(ex.Message)}");
            return null;
        }
    }

    // System.Text.Json counts lines and bytes from zero; people count from one.
    private static string Where(JsonException ex) =>
        ex.LineNumber is { } line && ex.BytePositionInLine is { } position ? $" at line {line + 1}, character {position + 1}" : "";

    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private static ModelSpec? Read(JsonElement root, out ValidationFinding? error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = Invalid($"{FileName} must be a JSON object such as {{\"label\": \"price\"}}, but it is a {ModelSpecText.Describe(root.ValueKind)}.");
            return null;
        }

        var spec = new ModelSpec();
        foreach (var property in root.EnumerateObject())
        {
            string? problem;
            switch (property.Name.ToUpperInvariant())
            {
                case "LABEL":
                    problem = ReadName(property, out var label);
                    spec = spec with { Label = label };
                    break;
                case "TASK":
                    problem = ReadTask(property, out var task);
                    spec = spec with { Task = task };
                    break;
                case "IGNORE":
                    problem = ReadNames(property, out var ignore);
                    spec = spec with { Ignore = ignore };
                    break;
                case "CATEGORICAL":
                    problem = ReadNames(property, out var categorical);
                    spec = spec with { Categorical = categorical };
                    break;
                case "TEXT":
                    problem = ReadNames(property, out var text);
                    spec = spec with { Text = text };
                    break;
                case "ID":
                    problem = ReadNames(property, out var id);
                    spec = spec with { Id = id };
                    break;
                case "PRIMARYMETRIC":
                    problem = ReadMetric(property, out var metric);
                    spec = spec with { PrimaryMetric = metric };
                    break;
                case "POSITIVECLASS":
                    problem = ReadClass(property, out var positive);
                    spec = spec with { PositiveClass = positive };
                    break;
                case "THRESHOLDS":
                    problem = ReadThresholds(property, out var thresholds);
                    spec = spec with { Thresholds = thresholds };
                    break;
                case "GATES":
                    problem = ModelSpecGatesReader.Read(property, out var gates);
                    spec = spec with { Gates = gates };
                    break;
                case "PROMOTION":
                    problem = ModelSpecPromotionReader.Read(property, out var promotion);
                    spec = spec with { Promotion = promotion };
                    break;
                case "MONITORING":
                    problem = ModelSpecMonitoringReader.Read(property, out var monitoring);
                    spec = spec with { Monitoring = monitoring };
                    break;
                case "RETRAINSCHEDULE":
                    problem = Monitoring.RetrainSchedules.Read(property, out var schedule);
                    spec = spec with { RetrainSchedule = schedule };
                    break;
                case "DELIMITER":
                    problem = ReadDialectPart(property, CsvDialect.ParseDelimiter, "one of \",\", \";\", \"\\t\" (or \"tab\") and \"|\"", out var delimiter);
                    spec = spec with { Delimiter = delimiter };
                    break;
                case "DECIMAL":
                    problem = ReadDialectPart(property, CsvDialect.ParseDecimal, "\".\" or \",\"", out var decimalMark);
                    spec = spec with { DecimalMark = decimalMark };
                    break;
                case "DATEORDER":
                    var order = property.Value.ValueKind == JsonValueKind.String ? CsvDialect.ParseDateOrder(property.Value.GetString()!) : null;
                    problem = order is null ? $"'{property.Name}' must be \"dmy\" (day first: 28/10/2022) or \"mdy\" (month first: 10/28/2022); it is {property.Value.GetRawText()}." : null;
                    spec = spec with { DateOrder = order };
                    break;
                case "ENCODING":
                    var encoding = property.Value.ValueKind == JsonValueKind.String ? CsvDialect.ParseEncoding(property.Value.GetString()!) : null;
                    problem = encoding is null ? $"'{property.Name}' must be \"utf-8\" or \"windows-1252\" (also written \"cp1252\", \"latin1\" or \"iso-8859-1\"); it is {property.Value.GetRawText()}." : null;
                    spec = spec with { Encoding = encoding };
                    break;
                case "MISSINGVALUES":
                    problem = ReadMissingValues(property, out var missing);
                    spec = spec with { MissingValues = missing };
                    break;
                case "ENSEMBLE":
                    problem = property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"'ensemble' must be true or false, but it is {ModelSpecText.Show(property.Value)}.";
                    spec = spec with { Ensemble = property.Value.ValueKind == JsonValueKind.True };
                    break;
                case "WEBHOOKS":
                    problem = ModelSpecWebhooksReader.Read(property, out var webhooks);
                    spec = spec with { Webhooks = webhooks };
                    break;
                default:
                    problem = $"'{property.Name}' is not a spec property; the properties are label, task, primaryMetric, id, ignore, categorical, text, delimiter, decimal, dateOrder, encoding, missingValues, thresholds, gates, promotion, monitoring, retrainSchedule, ensemble and webhooks.";
                    break;
            }

            if (problem is not null)
            {
                error = Invalid($"{FileName} is not valid: {problem}");
                return null;
            }
        }

        if (spec is { Delimiter: ',', DecimalMark: ',' })
        {
            error = Invalid($"{FileName} is not valid: 'decimal' cannot be \",\" when 'delimiter' is \",\" too; a file with decimal commas is delimited by ';', a tab or '|'.");
            return null;
        }

        error = null;
        return spec;
    }

    private static string? ReadMissingValues(JsonProperty property, out IReadOnlyList<string> values)
    {
        values = [];
        const string Shape = "a list of the words the file writes for \"no value\", such as [\"pending\", \"unknown\", \"-999\"]";
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            return $"'{property.Name}' must be {Shape}, but it is {ModelSpecText.Show(property.Value)}.";
        }

        if (property.Value.GetArrayLength() > MaxMissingValues)
        {
            return $"'{property.Name}' names {property.Value.GetArrayLength()} values; at most {MaxMissingValues} are accepted.";
        }

        var read = new List<string>();
        foreach (var item in property.Value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(text) || text.Length > MaxMissingValueLength)
            {
                return $"'{property.Name}' must be {Shape} (each a non-empty string of at most {MaxMissingValueLength} characters; write a number as a string); {ModelSpecText.Show(item)} is not.";
            }

            if (!read.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                read.Add(text);
            }
        }

        values = read;
        return null;
    }

    private static string? ReadDialectPart(JsonProperty property, Func<string, char?> parse, string allowed, out char? value)
    {
        value = property.Value.ValueKind == JsonValueKind.String ? parse(property.Value.GetString()!) : null;
        return value is null ? $"'{property.Name}' must be {allowed}; it is {property.Value.GetRawText()}." : null;
    }

    private static string? ReadName(JsonProperty property, out string? name)
    {
        name = null;
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(property.Value.GetString()):
                name = property.Value.GetString()!.Trim();
                return null;
            default:
                return $"'{property.Name}' must be a column name (a non-empty string), but it is {ModelSpecText.Show(property.Value)}.";
        }
    }

    private static string? ReadClass(JsonProperty property, out string? label)
    {
        label = null;
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(property.Value.GetString()):
                label = property.Value.GetString()!.Trim();
                return null;
            case JsonValueKind.Number:
                // A 0/1 label's class written as a number reads as the cell does.
                label = property.Value.GetRawText();
                return null;
            default:
                return $"'{property.Name}' must be one of the label's values (a non-empty string), but it is {ModelSpecText.Show(property.Value)}.";
        }
    }

    private static string? ReadTask(JsonProperty property, out MlTask? task)
    {
        task = null;
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind == JsonValueKind.String
            && Tasks.TryGetValue(property.Value.GetString()!.Trim(), out var parsed))
        {
            task = parsed;
            return null;
        }

        return $"'{property.Name}' is {ModelSpecText.Show(property.Value)}, but it must be one of \"binary\", \"multiclass\" or \"regression\".";
    }

    private static string? ReadNames(JsonProperty property, out IReadOnlyList<string> names)
    {
        names = [];
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            return $"'{property.Name}' must be an array of column names, but it is {ModelSpecText.Show(property.Value)}.";
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                return $"'{property.Name}[{index}]' must be a column name (a non-empty string), but it is {ModelSpecText.Show(item)}.";
            }

            list.Add(item.GetString()!.Trim());
            index++;
        }

        names = list;
        return null;
    }

    private static string? ReadMetric(JsonProperty property, out string? metric)
    {
        metric = null;
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind == JsonValueKind.String && TaskMetrics.Canonical(property.Value.GetString()!.Trim()) is { } known)
        {
            metric = known;
            return null;
        }

        return $"'{property.Name}' is {ModelSpecText.Show(property.Value)}, but it must be one of {string.Join(", ", TaskMetrics.All.Select(m => $"\"{m}\""))}.";
    }

    private static string? ReadThresholds(JsonProperty property, out IReadOnlyDictionary<string, double> thresholds)
    {
        var read = new Dictionary<string, double>(StringComparer.Ordinal);
        thresholds = read;
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            return $"'{property.Name}' must be an object such as {{\"maxMissingRate\": 0.3}}, but it is {ModelSpecText.Show(property.Value)}.";
        }

        foreach (var threshold in property.Value.EnumerateObject())
        {
            var name = ValidationThresholds.Canonical(threshold.Name);
            if (name is null)
            {
                return $"'{property.Name}.{threshold.Name}' is not a threshold; the thresholds are {string.Join(", ", ValidationThresholds.Names)}.";
            }

            if (threshold.Value.ValueKind != JsonValueKind.Number || !threshold.Value.TryGetDouble(out var value))
            {
                return $"'{property.Name}.{threshold.Name}' must be a number, but it is {ModelSpecText.Show(threshold.Value)}.";
            }

            if (ValidationThresholds.Check(name, value) is { } problem)
            {
                return $"'{property.Name}.{threshold.Name}' is {threshold.Value.GetRawText()}, but it {problem}.";
            }

            read[name] = value;
        }

        return null;
    }

    private static ValidationFinding Invalid(string message) =>
        new(Severity.Error, ValidationRules.InvalidSpec, null, message);
}
