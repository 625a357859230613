using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mlops.Testing;

/// <summary>
/// The DevHost as a user runs it: its own process, on a free port, over the test's Azurite and its own task hub,
/// so a test can kill it mid-run and start another on the same state.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process process;
    private readonly StringBuilder output;

    private DevHostProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        this.process = process;
        this.output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="environment">Settings over the test defaults (e.g. a small Ingestion__MaxUploadBytes).</param>
    public static async Task<DevHostProcess> StartAsync(string storageConnectionString, string taskHub, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(DevHostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DevHostAssembly);
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        start.Environment["DevHost__Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["DevHost__TaskHub"] = taskHub;
        start.Environment["DevHost__StartAzurite"] = "false";
        start.Environment["DevHost__WatchIntervalMilliseconds"] = "300";
        start.Environment["DevHost__WorkItemVisibilitySeconds"] = "15";
        start.Environment["DevHost__LeaseSeconds"] = "6";
        start.Environment["Serving__AliasRefreshSeconds"] = "0";

        // Tests that read the log right after predicting wait a second for it; the default interval (1,000 ms, chosen
        // for fewer billed writes) would leave the last batch in flight.
        start.Environment["Serving__LogFlushMilliseconds"] = "250";

        // The whole loop, not the search, is under test here (the Workflows tests run 24-trial searches): a small
        // budget keeps each run short.
        start.Environment["Training__MaxTrials"] = "4";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new DevHostProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>Ends the process at once, as a crash or a recycled instance would.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private static string DevHostAssembly
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return RepositoryPaths.Combine("src", "Mlops.DevHost", "bin", configuration, "net10.0", "Mlops.DevHost.dll");
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The DevHost exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await KillAsync();
        throw new TimeoutException($"The DevHost did not answer /api/health within {StartTimeout}:\n{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
