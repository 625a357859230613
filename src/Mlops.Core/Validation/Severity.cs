namespace Mlops.Core.Validation;

public enum Severity
{
    Info,
    Warning,
    Error,
}
