namespace Mlops.EndToEnd.Tests;

/// <summary>A DevHost whose upload limit is far below Kestrel's 30 MB default, so that a rejection is quick to provoke.</summary>
public sealed class SmallUploadLimitFixture : DevHostFixture
{
    public const long MaxUploadBytes = 64 * 1024;

    protected override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Ingestion__MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
