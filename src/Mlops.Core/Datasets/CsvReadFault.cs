using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// Raised inside a read by the streams under the parser (bad encoding, a runaway row, too many bytes) and turned
/// back into its finding by <see cref="CsvDatasetReader"/>: it never leaves the reader.
/// </summary>
internal sealed class CsvReadFault : Exception
{
    public CsvReadFault()
    {
        Finding = new ValidationFinding(Severity.Error, ValidationRules.MalformedCsv, null, "The file could not be read.");
    }

    public CsvReadFault(string message)
        : base(message)
    {
        Finding = new ValidationFinding(Severity.Error, ValidationRules.MalformedCsv, null, message);
    }

    public CsvReadFault(string message, Exception innerException)
        : base(message, innerException)
    {
        Finding = new ValidationFinding(Severity.Error, ValidationRules.MalformedCsv, null, message);
    }

    public CsvReadFault(string rule, string message)
        : base(message)
    {
        Finding = new ValidationFinding(Severity.Error, rule, null, message);
    }

    public ValidationFinding Finding { get; }
}
