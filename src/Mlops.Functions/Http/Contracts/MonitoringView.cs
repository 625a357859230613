using Mlops.Core.Monitoring;

namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/models/{model}/monitoring (ARCHITECTURE.md, v1 additions): windows newest first, and every action they led to.</summary>
public sealed record MonitoringView(string Model, int Version, IReadOnlyList<MonitoringWindow> Windows, IReadOnlyList<MonitoringAction> Actions);
