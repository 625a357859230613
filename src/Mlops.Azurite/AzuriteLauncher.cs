using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mlops.Azurite;

/// <summary>
/// Starts Azurite, the Azure Storage emulator, from the repository's pinned npm package (package.json), installing
/// it with `npm ci` first when node_modules lacks it. Used by the DevHost and by the tests.
/// </summary>
public static partial class AzuriteLauncher
{
    public const string SolutionFile = "MlopsFunctions.sln";

    /// <summary>Azurite's command-line entry inside the npm package (its "bin" in package.json).</summary>
    public static readonly string EntryPoint = Path.Combine("node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>
    /// Runs Azurite's entry point with its standard input watched: when the input closes (we stop it, or the process
    /// that started it dies), Azurite closes its servers as on SIGTERM, and exits for sure ten seconds later.
    /// </summary>
    private const string StdinWatchdog =
        "const i=process.stdin;" +
        "i.on('end',()=>{process.emit('SIGTERM');setTimeout(()=>process.exit(0),10000).unref();});" +
        "i.on('error',()=>process.exit(0));" +
        "i.resume();" +
        "require(process.argv[1]);";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The folder that holds MlopsFunctions.sln, walking up from <paramref name="startDirectory"/> (default: the application's folder).</summary>
    public static string FindRepositoryRoot(string? startDirectory = null)
    {
        var start = startDirectory ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} in {start} or any folder above it: cannot find the repository's package.json to run Azurite from.");
    }

    /// <summary>True when something on 127.0.0.1 accepts TCP connections on <paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts Azurite unless all three ports already accept connections (an Azurite someone else runs): then null.
    /// Throws when only some of them do, since that is something else holding a storage port.
    /// </summary>
    public static async Task<AzuriteProcess?> StartUnlessListeningAsync(AzuriteStartOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var listening = await ListeningPortsAsync(options, cancellationToken);
        if (listening.Count == 3)
        {
            (logger ?? NullLogger.Instance).AlreadyRunning(options.BlobPort, options.QueuePort, options.TablePort);
            return null;
        }

        return await StartAsync(options, logger, cancellationToken);
    }

    /// <summary>
    /// Installs Azurite if needed, starts it on 127.0.0.1 with the given ports and waits until all three services
    /// accept connections. Dispose the result to stop it.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteStartOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var root = options.RepositoryRoot ?? FindRepositoryRoot();

        var busy = await ListeningPortsAsync(options, cancellationToken);
        if (busy.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot start Azurite: port(s) {string.Join(", ", busy)} on 127.0.0.1 are already in use by another process.");
        }

        await EnsureInstalledAsync(root, options.InstallTimeout, logger, cancellationToken);

        var output = new OutputTail();
        var process = StartNode(root, options, output);
        logger.Started(process.Id, options.BlobPort, options.QueuePort, options.TablePort, options.Location ?? "(in memory)");
        var azurite = new AzuriteProcess(process, output, options);
        try
        {
            await WaitUntilListeningAsync(azurite, options, cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs `npm ci` in <paramref name="repositoryRoot"/> when node_modules lacks Azurite. Installs are serialised
    /// across processes by a lock file, so parallel test assemblies install once.
    /// </summary>
    public static async Task EnsureInstalledAsync(string repositoryRoot, TimeSpan timeout, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        if (IsInstalled(repositoryRoot))
        {
            return;
        }

        logger ??= NullLogger.Instance;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var installLock = await AcquireInstallLockAsync(repositoryRoot, deadline.Token);
            if (IsInstalled(repositoryRoot))
            {
                return;
            }

            logger.Installing(repositoryRoot);
            await RunNpmCiAsync(repositoryRoot, deadline.Token);
            if (!IsInstalled(repositoryRoot))
            {
                throw new InvalidOperationException(
                    $"`npm ci` succeeded in {repositoryRoot} but {EntryPoint} is still missing: is azurite in package.json's devDependencies?");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Installing Azurite with `npm ci` in {repositoryRoot} took longer than {timeout}.");
        }
    }

    private static bool IsInstalled(string root) =>
        File.Exists(Path.Combine(root, EntryPoint))
        && (File.Exists(Path.Combine(root, "node_modules", ".bin", "azurite")) || File.Exists(Path.Combine(root, "node_modules", ".bin", "azurite.cmd")));

    private static async Task<List<int>> ListeningPortsAsync(AzuriteStartOptions options, CancellationToken cancellationToken)
    {
        var listening = new List<int>();
        foreach (var port in new[] { options.BlobPort, options.QueuePort, options.TablePort })
        {
            if (await IsListeningAsync(port, cancellationToken))
            {
                listening.Add(port);
            }
        }

        return listening;
    }

    /// <summary>An exclusive lock (flock on Unix) on a file in the temp folder named after the repository.</summary>
    private static async Task<FileStream> AcquireInstallLockAsync(string root, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(root))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"mlops-npm-ci-{key}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = OperatingSystem.IsWindows() ? "cmd.exe" : "npm",
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (OperatingSystem.IsWindows())
        {
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add("npm");
        }

        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new OutputTail();
        using var process = StartProcess(start, output, "npm (Node.js)");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`npm ci` in {root} failed with exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:{Environment.NewLine}{output}");
        }
    }

    private static Process StartNode(string root, AzuriteStartOptions options, OutputTail output)
    {
        var start = new ProcessStartInfo
        {
            FileName = "node",
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-e", StdinWatchdog, "--", Path.Combine(root, EntryPoint),
            "--blobHost", AzuriteAccount.DefaultHost, "--blobPort", Port(options.BlobPort),
            "--queueHost", AzuriteAccount.DefaultHost, "--queuePort", Port(options.QueuePort),
            "--tableHost", AzuriteAccount.DefaultHost, "--tablePort", Port(options.TablePort),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            var location = Path.GetFullPath(options.Location, root);
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        return StartProcess(start, output, "node (Node.js)");
    }

    private static Process StartProcess(ProcessStartInfo start, OutputTail output, string what)
    {
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot run {what}: is it installed and on PATH? {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilListeningAsync(AzuriteProcess azurite, AzuriteStartOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (azurite.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited before listening on 127.0.0.1:{options.BlobPort}/{options.QueuePort}/{options.TablePort}. Its last output:{Environment.NewLine}{azurite.OutputTail}");
            }

            if ((await ListeningPortsAsync(options, cancellationToken)).Count == 3)
            {
                return;
            }

            if (clock.Elapsed > options.StartTimeout)
            {
                throw new TimeoutException(
                    $"Azurite did not listen on 127.0.0.1:{options.BlobPort}/{options.QueuePort}/{options.TablePort} within {options.StartTimeout}. Its last output:{Environment.NewLine}{azurite.OutputTail}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing Azurite with npm ci in {RepositoryRoot}")]
    private static partial void Installing(this ILogger logger, string repositoryRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (pid {ProcessId}) on 127.0.0.1 ports {BlobPort}/{QueuePort}/{TablePort}, data in {Location}")]
    private static partial void Started(this ILogger logger, int processId, int blobPort, int queuePort, int tablePort, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite already listens on 127.0.0.1 ports {BlobPort}/{QueuePort}/{TablePort}; using it")]
    private static partial void AlreadyRunning(this ILogger logger, int blobPort, int queuePort, int tablePort);
}
