namespace Mlops.Core.Experiments;

/// <summary>Hands rows to the shadow challenger without waiting: predict's latency never includes the shadow's.</summary>
public interface IShadowDispatch
{
    /// <summary>Accepts the request for scoring later; false when the backlog is full and the request is dropped.</summary>
    bool TryEnqueue(ShadowRequest request);
}
