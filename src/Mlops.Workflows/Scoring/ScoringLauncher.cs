using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// Starts a scoring job for a file of the scoring container. The job id comes from the model, the file, its ETag and the
/// version, so the blob trigger, the route and a redelivered event converge on one job.
/// </summary>
public sealed class ScoringLauncher(IScoringStore store, IModelRegistry registry, ILogger<ScoringLauncher> logger) : IDisposable
{
    private readonly RunStartGate gate = new();

    /// <summary>
    /// The file and the version that would score it (the champion unless named); throws <see cref="MlopsException"/>
    /// (not found) naming what is missing: the file, the model, its champion or the version; with
    /// <paramref name="maxBytes"/>, a file larger than that is refused (payload too large) with its size and the limit.
    /// </summary>
    public async Task<(ScoringFile File, int Version)> ResolveAsync(string model, string file, int? version, long? maxBytes, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        ScoringFiles.Validate(file);
        var stored = await store.DescribeAsync(model, file, cancellationToken) ?? throw FileNotFound(model, file);
        if (stored.Length > maxBytes)
        {
            throw new MlopsException(MlopsErrorCode.PayloadTooLarge, PlanScoring.TooLarge(stored.Length, maxBytes.Value));
        }

        return (stored, await ResolveVersionAsync(model, version, cancellationToken));
    }

    /// <summary>Not found (404) for a scoring file that is not in the scoring container, saying how to bring it.</summary>
    public static MlopsException FileNotFound(string model, string file) =>
        MlopsException.NotFound($"The scoring file 'scoring/{model}/{file}' does not exist; upload it to the scoring container first, or POST the CSV itself to /api/models/{model}/score (Content-Type: text/csv).");

    /// <summary>
    /// The version that would score a file: <paramref name="version"/> when it exists, else the champion; throws
    /// <see cref="MlopsException"/> (not found) naming what is missing.
    /// </summary>
    public async Task<int> ResolveVersionAsync(string model, int? version, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        if (version is { } named)
        {
            _ = await registry.GetVersionAsync(model, named, cancellationToken)
                ?? throw MlopsException.NotFound($"Model '{model}' version {named} does not exist.");
            return named;
        }

        if (await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken) is { } champion)
        {
            return champion.Version;
        }

        var versions = await registry.ListVersionsAsync(model, cancellationToken);
        throw MlopsException.NotFound(versions.Count == 0
            ? $"Model '{model}' does not exist."
            : $"Model '{model}' has no champion version; name the version to score with.");
    }

    public async Task<ScoringStart> StartAsync(DurableTaskClient client, ScoringFile file, int version, ScoringRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        var jobId = ScoringJobIds.For(file.Model, file.File, file.ETag, version);
        using var entered = await gate.EnterAsync(jobId, cancellationToken);
        if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            WorkflowLog.ScoringExists(logger, jobId, file.File);
            return new ScoringStart(jobId, version, false);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(BatchScoring), request, new StartOrchestrationOptions(jobId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]), cancellationToken);
        }
        catch (Exception)
        {
            // As for runs: another trigger for the same file may have won the race; the instance itself is the test.
            if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }

            WorkflowLog.ScoringExists(logger, jobId, file.File);
            return new ScoringStart(jobId, version, false);
        }

        WorkflowLog.ScoringScheduled(logger, jobId, file.File);
        return new ScoringStart(jobId, version, true);
    }

    public void Dispose() => gate.Dispose();
}
