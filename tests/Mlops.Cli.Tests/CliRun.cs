namespace Mlops.Cli.Tests;

/// <summary>Runs the command line in this process over a <see cref="FakeApi"/>, capturing what it prints and its exit code.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> InvokeAsync(FakeApi api, params string[] args) =>
        await InvokeAsync(api, new Dictionary<string, string>(), args);

    public static async Task<CliRun> InvokeAsync(FakeApi api, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, interactive: false, name => environment.GetValueOrDefault(name), api);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
