using System.Diagnostics;
using System.Text.Json;

namespace Mlops.Testing;

/// <summary>
/// Runs one of the repository's reference scripts (scripts/*.py) under Debian's python3, with numpy and scipy from
/// python3-numpy and python3-scipy (.ci/run installs them): the input goes in as a JSON file, the answer comes back as JSON.
/// </summary>
public static class ReferenceScript
{
    public static JsonElement Run(string script, object input)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Path.GetFileNameWithoutExtension(script)}-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(input));
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", [RepositoryPaths.Combine("scripts", script), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill();
                throw new TimeoutException($"{script} did not finish in two minutes.");
            }

            return process.ExitCode == 0
                ? JsonDocument.Parse(output).RootElement.Clone()
                : throw new InvalidOperationException($"{script} failed ({process.ExitCode}; .ci/run installs python3-numpy and python3-scipy): {error.Result}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
