using Microsoft.AspNetCore.Http;

namespace Mlops.Functions.Dashboard;

/// <summary>
/// App Service Authentication (EasyAuth) in front of the app puts a signed-in caller's identity in
/// <see cref="PrincipalHeader"/>, and removes that header from whatever a client sends, so its presence means the
/// platform signed the caller in. Without it, a browser is sent to the platform's sign-in page and back.
/// </summary>
public static class SignInRedirect
{
    public const string PrincipalHeader = "x-ms-client-principal";

    public const string LoginPath = "/.auth/login/aad";

    public static bool IsSignedIn(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !string.IsNullOrEmpty(request.Headers[PrincipalHeader]);
    }

    /// <summary>The platform's sign-in, returning to the page asked for (a path on this site only).</summary>
    public static string For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var back = request.PathBase.Add(request.Path).Value ?? "/";
        return $"{LoginPath}?post_login_redirect_uri={Uri.EscapeDataString(back)}";
    }
}
