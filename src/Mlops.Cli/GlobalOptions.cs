using System.CommandLine;

namespace Mlops.Cli;

/// <summary>The options every command takes: where the API is, its key, and whether to answer in JSON.</summary>
public sealed class GlobalOptions
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string UrlVariable = "MLOPS_URL";
    public const string KeyVariable = "MLOPS_KEY";

    public GlobalOptions(Func<string, string?> environment)
    {
        Url = new Option<string>("--url")
        {
            Description = $"The app's address (or ${UrlVariable})",
            Recursive = true,
            HelpName = "URL",
            DefaultValueFactory = _ => NonEmpty(environment(UrlVariable)) ?? DefaultUrl,
        };
        Key = new Option<string?>("--key")
        {
            Description = $"The key sent as x-functions-key (or ${KeyVariable}): the admin key, or a function key for predict and feedback",
            Recursive = true,
            HelpName = "KEY",
            DefaultValueFactory = _ => NonEmpty(environment(KeyVariable)),
        };
        Json = new Option<bool>("--json")
        {
            Description = "Print the API's JSON instead of tables, for scripts",
            Recursive = true,
        };
    }

    public Option<string> Url { get; }

    public Option<string?> Key { get; }

    public Option<bool> Json { get; }

    public void AddTo(Command root)
    {
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Json);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
