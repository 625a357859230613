using System.Net;
using System.Net.Sockets;
using Mlops.Azurite;

namespace Mlops.Testing;

/// <summary>
/// One in-memory Azurite per test process, on three free ports, started on first use and stopped when the
/// process exits. Test assemblies run in their own processes, so they never share ports or data.
/// </summary>
public static class AzuriteInstance
{
    private const int StartAttempts = 3;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteProcess? running;

    /// <summary>The connection string of this process's Azurite, starting it the first time.</summary>
    public static async Task<string> ConnectionStringAsync()
    {
        if (Volatile.Read(ref running) is { } started)
        {
            return started.ConnectionString;
        }

        await Gate.WaitAsync();
        try
        {
            running ??= await StartAsync();
            return running.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<AzuriteProcess> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(3);
            var options = new AzuriteStartOptions
            {
                BlobPort = ports[0],
                QueuePort = ports[1],
                TablePort = ports[2],
                RepositoryRoot = RepositoryPaths.Root,
            };
            try
            {
                var azurite = await AzuriteLauncher.StartAsync(options);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
                return azurite;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Another process took one of the ports between picking and binding: pick again.
            }
        }
    }

    /// <summary>Ports the OS hands out as free right now, all different.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
