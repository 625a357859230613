using System.Text.Json;

namespace Mlops.Core.Events;

/// <summary>One entry of a model's append-only event log (GET /api/models/{model}/events, oldest first).</summary>
/// <param name="Id">Unique and stable: the model and the entry's sequence number, so a receiver can drop a duplicate.</param>
/// <param name="Sequence">1, 2, 3... per model, with no gaps: the log's order.</param>
/// <param name="Type">One of <see cref="RegistryEventTypes"/>.</param>
/// <param name="Data">What happened, as a JSON object.</param>
public sealed record RegistryEvent(string Id, long Sequence, string Type, DateTimeOffset At, JsonElement Data);
