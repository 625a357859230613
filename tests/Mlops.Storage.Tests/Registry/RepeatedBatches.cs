using Azure.Core;
using Azure.Core.Pipeline;

namespace Mlops.Storage.Tests.Registry;

/// <summary>
/// A Table pipeline policy that, once armed, sends the next entity-group transaction ($batch) twice and answers with
/// the second response: what the client's retry does when the first attempt committed but its answer was lost (a
/// timeout on a loaded host), so the caller sees the service refuse a write that already landed.
/// </summary>
internal sealed class RepeatedBatches : HttpPipelinePolicy
{
    private int armed;

    public void Arm() => Volatile.Write(ref armed, 1);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The registry calls the Table service asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref armed, 0) == 1)
        {
            await ProcessNextAsync(message, pipeline);
        }

        await ProcessNextAsync(message, pipeline);
    }
}
