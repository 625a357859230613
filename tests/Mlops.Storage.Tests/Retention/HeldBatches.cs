using Azure.Core;
using Azure.Core.Pipeline;

namespace Mlops.Storage.Tests.Retention;

/// <summary>
/// A Table pipeline policy that, once armed, holds the next entity-group transaction ($batch) until released: the
/// request has been decided on by its sender but not yet seen by the service, the narrowest window of a race.
/// </summary>
internal sealed class HeldBatches : HttpPipelinePolicy
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed;

    /// <summary>Completes when the armed batch has arrived and is being held.</summary>
    public Task Reached => reached.Task;

    public void Arm() => Volatile.Write(ref armed, 1);

    public void Release() => released.TrySetResult();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The registry calls the Table service asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref armed, 0) == 1)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await ProcessNextAsync(message, pipeline);
    }
}
