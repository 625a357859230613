using System.Runtime.ExceptionServices;
using Mlops.Core.Datasets;

namespace Mlops.Core.Profiling;

/// <summary>
/// Profiles rows on every core. The reader copies rows into chunks; the columns are split into groups, and each group
/// profiles every chunk in file order on its own chain of thread-pool tasks, so the groups run side by side while
/// each column's accumulator still sees its values in the order of the file. The profile is therefore the one a
/// single thread makes, value for value and sketch for sketch, whatever the number of groups or cores: nothing is
/// merged. A row's hash is a sum of per-column terms (<see cref="ValueHash.Cell"/>), so groups add their shares
/// independently; the last group to finish a chunk counts its rows' hashes as duplicates, which are judged the same
/// in any order. At most a few chunks are in flight: the reader waits for a free one, which bounds memory.
/// </summary>
internal sealed class ColumnGroupPipeline
{
    /// <summary>Cells a chunk holds: enough that a group's task outweighs its scheduling many times over.</summary>
    private const int ChunkCells = 1 << 16;

    private const int MaxChunkRows = 4096;

    private readonly ColumnAccumulator[] columns;
    private readonly int[] positions;
    private readonly int[][] groups;
    private readonly DuplicateRowCounter duplicates;
    private readonly Task[] tails;
    private readonly Queue<RowChunk> idle = new();
    private readonly int maxChunks;
    private readonly int rowsPerChunk;
    private readonly bool inline;
    private int chunks;
    private RowChunk? current;
    private ExceptionDispatchInfo? failure;

    /// <param name="workers">Threads to profile on; 1 profiles on the caller's thread as rows arrive (in chunks all the same).</param>
    public ColumnGroupPipeline(ColumnAccumulator[] columns, DuplicateRowCounter duplicates, int workers)
    {
        this.columns = columns;
        this.duplicates = duplicates;
        positions = [.. columns.Select(c => c.Index)];
        inline = workers <= 1;

        // More groups than workers, so that a costly column (free text, dates) does not hold the others back.
        var count = inline ? 1 : Math.Clamp(columns.Length, 1, workers * 4);
        groups = [.. Enumerable.Range(0, count).Select(g => Enumerable.Range(0, columns.Length).Where(c => c % count == g).ToArray())];
        tails = [.. groups.Select(_ => Task.CompletedTask)];
        rowsPerChunk = Math.Clamp(ChunkCells / Math.Max(1, columns.Length), 16, MaxChunkRows);
        maxChunks = inline ? 1 : Math.Max(4, 2 * count);
    }

    public void Add(CsvRow row)
    {
        current ??= Rent();
        current.Add(row, positions);
        if (current.IsFull)
        {
            Dispatch(current);
            current = null;
        }
    }

    /// <summary>Profiles what is left and waits for every group; rethrows the first failure of any.</summary>
    public void Complete()
    {
        if (current is { Count: > 0 })
        {
            Dispatch(current);
            current = null;
        }

        Task.WaitAll(tails);
        failure?.Throw();
    }

    /// <summary>A free chunk; waits for one when as many as allowed are being profiled.</summary>
    private RowChunk Rent()
    {
        lock (idle)
        {
            while (idle.Count == 0 && chunks == maxChunks)
            {
                Monitor.Wait(idle);
            }

            if (idle.TryDequeue(out var chunk))
            {
                return chunk;
            }

            chunks++;
        }

        return new RowChunk(rowsPerChunk, columns.Length, groups.Length);
    }

    private void Dispatch(RowChunk chunk)
    {
        chunk.Pending = groups.Length;
        if (inline)
        {
            Profile(chunk, 0);
            return;
        }

        for (var g = 0; g < groups.Length; g++)
        {
            tails[g] = tails[g].ContinueWith(
                static (_, state) =>
                {
                    var (pipeline, chunk, group) = ((ColumnGroupPipeline, RowChunk, int))state!;
                    pipeline.Profile(chunk, group);
                },
                (this, chunk, g),
                CancellationToken.None,
                TaskContinuationOptions.DenyChildAttach,
                TaskScheduler.Default);
        }
    }

    private void Profile(RowChunk chunk, int group)
    {
        try
        {
            if (failure is null)
            {
                var hashes = chunk.RowHashes[group];
                foreach (var column in groups[group])
                {
                    ProfileColumn(chunk, column, hashes);
                }
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
        }
        finally
        {
            if (Interlocked.Decrement(ref chunk.Pending) == 0)
            {
                Finish(chunk);
            }
        }
    }

    private void ProfileColumn(RowChunk chunk, int column, ulong[] hashes)
    {
        var accumulator = columns[column];
        var missing = ValueHash.Cell(accumulator.Index, ValueHash.Missing);
        for (var row = 0; row < chunk.Count; row++)
        {
            var cell = chunk.Cell(row, column).Trim();
            if (MissingValues.IsMissing(cell))
            {
                accumulator.AddMissing();
                hashes[row] += missing;
                continue;
            }

            var hash = ValueHash.Of(cell);
            accumulator.Add(cell, hash);
            hashes[row] += ValueHash.Cell(accumulator.Index, hash);
        }
    }

    /// <summary>Counts the chunk's rows as duplicates or not, and frees it for the reader.</summary>
    private void Finish(RowChunk chunk)
    {
        try
        {
            if (failure is null)
            {
                var first = chunk.RowHashes[0];
                for (var g = 1; g < chunk.RowHashes.Length; g++)
                {
                    var share = chunk.RowHashes[g];
                    for (var row = 0; row < chunk.Count; row++)
                    {
                        first[row] += share[row];
                    }
                }

                for (var row = 0; row < chunk.Count; row++)
                {
                    first[row] = ValueHash.Finish(first[row]);
                }

                lock (duplicates)
                {
                    duplicates.AddRange(first.AsSpan(0, chunk.Count));
                }
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
        }
        finally
        {
            chunk.Clear();
            lock (idle)
            {
                idle.Enqueue(chunk);
                Monitor.Pulse(idle);
            }
        }
    }
}
