using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mlops.Functions.Tests.Http;

/// <summary>A logger that keeps the event ids it was given, so a test can tell which path a function took.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<int> events = new();

    public IReadOnlyList<int> Events => [.. events];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        events.Enqueue(eventId.Id);
}
