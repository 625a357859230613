using System.Text;
using System.Threading.Channels;
using Mlops.Core.Datasets;

namespace Mlops.Core.Scoring;

/// <summary>
/// Cuts a scoring file into chunks of rows as it streams: each chunk is a small CSV (the header, then its rows, comma-
/// delimited with a decimal point, whatever dialect the file was written in) handed to a writer. The header is checked
/// against the model first, so a file without the model's features writes nothing. Parsing and writing overlap: the
/// reader runs ahead by at most two chunks, which bounds memory whatever the file's size.
/// </summary>
public static class ChunkSplitter
{
    private const int ChunksAhead = 2;

    public static async Task<ChunkSplit> SplitAsync(
        Stream input,
        DatasetSchema schema,
        int chunkRows,
        Func<int, ReadOnlyMemory<byte>, CancellationToken, Task> writeChunk,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(writeChunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);

        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        var sink = new ChunkSink(schema, chunkRows, channel.Writer, cancellationToken);
        var reading = Task.Run(
            () =>
            {
                try
                {
                    var result = CsvDatasetReader.Read(input, sink, CsvDialectHint.Detect, cancellationToken);
                    if (result.Error is null)
                    {
                        sink.Flush();
                    }

                    return result;
                }
                catch (HeaderRefusedException)
                {
                    return null;
                }
                finally
                {
                    channel.Writer.TryComplete();
                }
            },
            cancellationToken);

        var written = 0;
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await writeChunk(written++, chunk, cancellationToken);
            }
        }
        catch
        {
            // A failed write must not leave the reader waiting for room that never comes.
            channel.Writer.TryComplete();
            await reading.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        var read = await reading;
        if (sink.Missing.Count > 0)
        {
            return new ChunkSplit(0, 0, sink.Columns, sink.Missing, ScoringColumns.MissingReason(sink.Missing, schema));
        }

        return read!.Error is { } error
            ? new ChunkSplit(read.Rows, written, read.Columns, [], $"The scoring file cannot be read: {error.Message}")
            : new ChunkSplit(read.Rows, written, read.Columns, [], null);
    }

    /// <summary>Stops the read at a header that lacks the model's features: nothing after it matters.</summary>
    private sealed class HeaderRefusedException : Exception
    {
    }

    private sealed class ChunkSink(DatasetSchema schema, int chunkRows, ChannelWriter<byte[]> chunks, CancellationToken cancellationToken) : ICsvRowSink
    {
        private readonly StringBuilder text = new();
        private string header = string.Empty;
        private int rows;

        public IReadOnlyList<string>? Columns { get; private set; }

        public IReadOnlyList<string> Missing { get; private set; } = [];

        public void Header(IReadOnlyList<string> columns)
        {
            Columns = columns;
            Missing = ScoringColumns.Missing(schema, columns);
            if (Missing.Count > 0)
            {
                throw new HeaderRefusedException();
            }

            var line = new StringBuilder();
            CsvCells.AppendLine(line, columns);
            header = line.ToString();
            text.Append(header);
        }

        public void Row(CsvRow row)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                CsvCells.Append(text, row[i]);
            }

            text.Append('\n');
            if (++rows == chunkRows)
            {
                Flush();
            }
        }

        /// <summary>Hands the rows gathered so far to the writer as one chunk; the reader waits while two are queued.</summary>
        public void Flush()
        {
            if (rows == 0)
            {
                return;
            }

            var chunk = Encoding.UTF8.GetBytes(text.ToString());
            text.Clear().Append(header);
            rows = 0;

            // The reader is synchronous (it runs on its own thread), so it waits for room here rather than buffering on.
            while (!chunks.TryWrite(chunk))
            {
                if (!chunks.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }
    }
}
