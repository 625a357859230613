namespace Mlops.Functions.Dashboard;

/// <summary>How the dashboard is reached (section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// In Azure with the platform's sign-in on (DASHBOARD_SIGN_IN_ENABLED), a browser without a session is sent to sign
    /// in before any page loads; locally there is no sign-in.
    /// </summary>
    public bool RequireSignIn { get; set; }
}
