namespace Mlops.Cli.Tests.Acceptance;

/// <summary>
/// What a terminal showed while a command ran: its exit code, each different screen read meanwhile, and the final screen
/// with the rows scrolled off above it.
/// </summary>
public sealed record TerminalCapture(int ExitCode, IReadOnlyList<string> Screens, string Final, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s, {Screens.Count} screens seen\n--- final screen\n{Final}";
}
