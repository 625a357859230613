namespace Mlops.Core.Monitoring;

/// <summary>
/// A detection a window declared: drift or decay (<see cref="RetrainKinds"/>) and the sentence its registry event
/// carries. Kept with the window so the event can be appended by whichever pass carries out the window's actions.
/// </summary>
public sealed record MonitoringDetection(string Kind, string Reason);
