namespace Mlops.Core.Datasets.Columnar;

/// <summary>Where the typed copies of datasets are kept (<see cref="ColumnarCopies"/>): a blob container in Azure.</summary>
public interface IColumnarCopyStore
{
    /// <summary>Opens the copy for reading; null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> (seekable, read from its start) as the copy, replacing any.</summary>
    Task WriteAsync(string name, Stream content, CancellationToken cancellationToken);
}
