namespace Mlops.Cli.Input;

/// <summary>The user's input is wrong in a way found before anything is sent; the message says what and how to fix it.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
