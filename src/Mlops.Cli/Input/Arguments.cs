using System.CommandLine;
using System.Globalization;

namespace Mlops.Cli.Input;

/// <summary>The arguments several commands share, declared once so they read the same in every help text.</summary>
public static class Arguments
{
    public static Argument<string> Model() => new("model") { Description = "The model's name (" + ModelNames.Rule + ")" };

    public static Argument<int> Version(string name = "version", string description = "A registered version number") =>
        new(name) { Description = description };

    public static Argument<string> RunId() => new("run-id") { Description = "The run's id, as upload and runs print it" };

    public static Argument<string> ExperimentId() => new("id") { Description = "The experiment's id, as experiments lists it" };

    /// <summary>A version number given on the command line: a whole number from 1.</summary>
    public static int CheckVersion(int version, string name = "version") =>
        version >= 1 ? version : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"{name} {version} is not a version: versions are numbered from 1."));

    /// <summary>A run id is "{model}-{16 hex digits}"; anything else is a typo, caught before the call.</summary>
    public static string CheckRunId(string? runId)
    {
        var separator = runId?.LastIndexOf('-') ?? -1;
        if (runId is null || separator < 1 || !ModelNames.IsValid(runId[..separator]) || runId.Length - separator - 1 != 16 || !runId[(separator + 1)..].All(char.IsAsciiHexDigitLower))
        {
            throw new CliUsageException($"Run id '{runId}' is invalid: a run id is the model's name, a hyphen and 16 hex digits, e.g. iris-0123456789abcdef.");
        }

        return runId;
    }

    public static string CheckExperimentId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(char.IsAsciiLetterOrDigit)
            ? id
            : throw new CliUsageException($"Experiment id '{id}' is invalid: ids are letters and digits, as experiments lists them.");

    /// <summary>Reads a file the user named, turning "not there" into a sentence rather than a stack trace.</summary>
    public static FileInfo ExistingFile(FileInfo? file, string what)
    {
        if (file is null || !file.Exists)
        {
            throw new CliUsageException($"{what} '{file?.FullName}' does not exist.");
        }

        return file;
    }

    /// <summary>The seconds between polls of a watch, as a span; refused outside (0, 3600].</summary>
    public static TimeSpan PollInterval(double seconds) =>
        seconds is > 0 and <= 3600 ? TimeSpan.FromSeconds(seconds) : throw new CliUsageException("--interval is seconds between polls: more than 0, at most 3600.");
}
