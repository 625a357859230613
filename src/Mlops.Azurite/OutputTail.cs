using System.Collections.Concurrent;

namespace Mlops.Azurite;

/// <summary>The last lines a child process wrote, kept to explain why it failed.</summary>
internal sealed class OutputTail(int capacity = 40)
{
    private readonly ConcurrentQueue<string> lines = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        while (lines.Count > capacity && lines.TryDequeue(out _))
        {
        }
    }

    public override string ToString() => lines.IsEmpty ? "(no output)" : string.Join(Environment.NewLine, lines);
}
