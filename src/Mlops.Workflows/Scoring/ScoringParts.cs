using System.Globalization;

namespace Mlops.Workflows.Scoring;

/// <summary>The names of a job's working parts under "scoring-jobs/{jobId}/": one writer each, so a retry overwrites its own.</summary>
internal static class ScoringParts
{
    /// <summary>The output's header line: the input's columns and the columns scoring adds.</summary>
    public const string Header = "header.csv";

    public static string Input(int chunk) => Name("in", chunk);

    public static string Scored(int chunk) => Name("out", chunk);

    public static string Rejected(int chunk) => Name("rejected", chunk);

    private static string Name(string kind, int chunk) => string.Create(CultureInfo.InvariantCulture, $"{kind}/{chunk:D6}.csv");
}
