using System.Diagnostics;

namespace Mlops.Azurite;

/// <summary>
/// A running Azurite started by <see cref="AzuriteLauncher"/>. Disposing stops it: first gracefully (its standard
/// input is closed, which makes it close its servers and flush a persisted location), then by killing the process
/// tree. Azurite also stops on its own when the process that started it dies, because its standard input closes.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly OutputTail output;
    private int disposed;

    internal AzuriteProcess(Process process, OutputTail output, AzuriteStartOptions options)
    {
        this.process = process;
        this.output = output;
        ProcessId = process.Id;
        BlobPort = options.BlobPort;
        QueuePort = options.QueuePort;
        TablePort = options.TablePort;
        ConnectionString = AzuriteAccount.ConnectionString(options.BlobPort, options.QueuePort, options.TablePort);
    }

    public int ProcessId { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The storage connection string for this instance (the well-known Azurite account).</summary>
    public string ConnectionString { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Azurite's last lines of output, for error messages.</summary>
    public string OutputTail => output.ToString();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (RequestGracefulStop())
            {
                using var timeout = new CancellationTokenSource(GracefulStop);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Still running: killed below.
                }
            }

            KillTree();
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Stops Azurite synchronously, for process-exit handlers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (RequestGracefulStop())
            {
                process.WaitForExit(GracefulStop);
            }

            KillTree();
        }
        finally
        {
            process.Dispose();
        }
    }

    private bool RequestGracefulStop()
    {
        try
        {
            if (process.HasExited)
            {
                return false;
            }

            process.StandardInput.Close();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            return false;
        }
    }

    private void KillTree()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }
}
