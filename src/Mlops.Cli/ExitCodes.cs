namespace Mlops.Cli;

/// <summary>What the process's exit code means (README, "Command line"): scripts switch on these.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>upload --watch</c>, the run Completed (whether or not its version was promoted).</summary>
    public const int Success = 0;

    /// <summary>The command line or its input is wrong (unknown option, bad model name, missing file, invalid JSON); nothing was sent.</summary>
    public const int Usage = 1;

    /// <summary>The API answered with an error (problem+json: an unknown model, a refused spec, a conflict...).</summary>
    public const int ApiError = 2;

    /// <summary>The API could not be reached: connection refused, unknown host, timed out.</summary>
    public const int Unreachable = 3;

    /// <summary><c>upload --watch</c>: the run Failed; <c>score --watch</c> (or <c>--out</c>): the job Failed.</summary>
    public const int RunFailed = 4;

    /// <summary><c>upload --watch</c>: the run was Quarantined (the data did not pass the gate).</summary>
    public const int RunQuarantined = 5;

    /// <summary>A fault of the command line itself (a bug): one sentence on standard error, never a stack trace.</summary>
    public const int Internal = 70;

    /// <summary>Interrupted (Ctrl+C) before the command finished.</summary>
    public const int Interrupted = 130;
}
