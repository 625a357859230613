namespace Mlops.Functions.Dashboard;

/// <summary>One file of the dashboard as it is served: its bytes, content type and strong ETag, computed once.
/// The bytes are shared by every response and never written to.</summary>
public sealed record DashboardFile(string Path, string ContentType, byte[] Content, string ETag);
