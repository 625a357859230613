using System.Threading.Channels;
using Mlops.Core.Events;

namespace Mlops.Functions.Webhooks;

/// <summary>The models whose logs grew, queued for the <see cref="WebhookDispatcher"/>; writing never waits.</summary>
public sealed class WebhookSignal : IRegistryEventSignal
{
    private readonly Channel<string> models = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<string> Reader => models.Reader;

    public void Appended(string model) => models.Writer.TryWrite(model);
}
