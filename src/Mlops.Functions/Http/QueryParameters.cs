using System.Globalization;
using Microsoft.AspNetCore.Http;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>Reads query parameters, turning a malformed one into a 400 that names it and its range.</summary>
public static class QueryParameters
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static long Whole(HttpRequest request, string name, long min, long max, long fallback)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? value = request.Query[name];
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw MlopsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Query parameter '{name}' must be a whole number from {min} to {max}."));
    }

    /// <summary>true or false (any capitals); false when absent.</summary>
    public static bool Flag(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? value = request.Query[name];
        return string.IsNullOrEmpty(value)
            ? false
            : bool.TryParse(value, out var flag) ? flag : throw MlopsException.Invalid($"Query parameter '{name}' must be true or false.");
    }
}
