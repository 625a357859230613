using System.Globalization;

namespace Mlops.Core.Serving;

/// <summary>
/// Prediction ids are version-7 GUIDs as 32 hex digits: made in the request, unique without coordination, and ordered
/// by the millisecond they were made, which tells feedback whether an id it cannot find yet may still be on its way.
/// </summary>
public static class PredictionIds
{
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>The smallest id made at <paramref name="at"/> (to the millisecond): ids sort by time as text.</summary>
    public static string LowerBound(DateTimeOffset at) =>
        Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12", CultureInfo.InvariantCulture) + new string('0', 20);

    /// <summary>When the id was made; false for an id this product did not make.</summary>
    public static bool TryGetTime(string id, out DateTimeOffset made)
    {
        made = default;
        if (id is not { Length: 32 } || !Guid.TryParseExact(id, "N", out var guid) || guid.Version != 7
            || !long.TryParse(id.AsSpan(0, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return false;
        }

        made = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}
