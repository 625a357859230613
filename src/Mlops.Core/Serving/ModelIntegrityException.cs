namespace Mlops.Core.Serving;

/// <summary>A registered model.zip whose bytes are not the ones its manifest recorded: it is never loaded.</summary>
public sealed class ModelIntegrityException : Exception
{
    public ModelIntegrityException()
    {
    }

    public ModelIntegrityException(string message)
        : base(message)
    {
    }

    public ModelIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
