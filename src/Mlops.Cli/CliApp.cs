using System.CommandLine;
using Mlops.Cli.Commands;
using Mlops.Cli.Output;

namespace Mlops.Cli;

/// <summary>The <c>mlops</c> command tree: global options, one command per concern, and how it is invoked.</summary>
public static class CliApp
{
    public static RootCommand Build(ICliOutput output, Func<string, string?> environment, HttpMessageHandler? handler = null)
    {
        var options = new GlobalOptions(environment);
        var runtime = new CliRuntime(options, output, handler);
        var root = new RootCommand("mlops: upload datasets, follow runs, and manage models, experiments and monitoring over the Mlops HTTP API.")
        {
            UploadCommand.Create(runtime),
            RunsCommand.Create(runtime),
            ModelsCommand.Create(runtime),
            VersionsCommand.Create(runtime),
            CompareCommand.Create(runtime),
            AliasCommand.Promote(runtime),
            AliasCommand.Rollback(runtime),
            ExperimentsCommand.Create(runtime),
            MonitoringCommand.Create(runtime),
            PredictCommand.Create(runtime),
            FeedbackCommand.Create(runtime),
            SpecCommand.Create(runtime),
            ScoreCommand.Create(runtime),
        };
        options.AddTo(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; help and parse errors go to the same writers as everything else.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactive, Func<string, string?> environment, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        var output = new ConsoleOutput(stdout, stderr, interactive);
        var root = Build(output, environment, handler);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = true };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
