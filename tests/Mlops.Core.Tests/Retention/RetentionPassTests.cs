using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Retention;

namespace Mlops.Core.Tests.Retention;

/// <summary>The pass's order of steps over fakes; the same pass against real storage is in Mlops.Storage.Tests.</summary>
public sealed class RetentionPassTests
{
    private readonly List<string> steps = [];

    [Fact]
    public async Task RunAsync_MarksEveryCandidate_ThenLooksAtAliasesAgain_ThenDeletesArtifactsBeforeTheRow()
    {
        var registry = new FakeRegistry(versions: 4) { AliasesAfterMarks = [new AliasState("champion", 1, "e")] };
        var pass = Pass(registry, keepVersions: 2);

        var report = await pass.RunAsync("iris", CancellationToken.None);

        Assert.Equal(["begin 1", "begin 2", "aliases", "cancel 1", "artifacts 2", "complete 2"], steps.Where(s => s != "retiring").SkipWhile(s => s == "aliases"));
        Assert.Equal([1, 3, 4], report.Kept);
        Assert.Equal([2], report.Deleted);
        Assert.Equal("alias champion", report.Pinned[1]);
    }

    [Fact]
    public async Task RunAsync_VersionLeftRetiringThatIsNowKept_IsRestoredBeforeAnythingIsMarked()
    {
        var registry = new FakeRegistry(versions: 3);
        var retirement = new FakeRetirement(steps) { Retiring = { 3 } };

        var report = await Pass(registry, keepVersions: 2, retirement).RunAsync("iris", CancellationToken.None);

        Assert.True(steps.IndexOf("cancel 3") < steps.IndexOf("begin 1"));
        Assert.Equal([1], report.Deleted);
    }

    [Fact]
    public void Report_SerializesAsTheRouteAnswers()
    {
        var report = new RetentionReport([new ModelRetention("iris", [2, 6], [1, 3], new Dictionary<int, string> { [2] = "alias champion" })]);

        var json = JsonSerializer.Serialize(report, JsonSerializerOptions.Web);

        Assert.Equal("""{"models":[{"model":"iris","kept":[2,6],"deleted":[1,3],"pinned":{"2":"alias champion"}}]}""", json);
    }

    private RetentionPass Pass(FakeRegistry registry, int keepVersions, FakeRetirement? retirement = null)
    {
        registry.Steps = steps;
        retirement ??= new FakeRetirement(steps);
        registry.Marked = () => retirement.Marked;
        return new RetentionPass(
            registry,
            retirement,
            new FakeArtifacts(steps),
            new NoRetentionPins(),
            Options.Create(new RetentionOptions { KeepVersions = keepVersions }),
            NullLogger<RetentionPass>.Instance);
    }

    private sealed class FakeRetirement(List<string> steps) : IVersionRetirement
    {
        public HashSet<int> Retiring { get; } = [];

        public bool Marked { get; private set; }

        public Task<IReadOnlySet<int>> ListRetiringAsync(string model, CancellationToken cancellationToken)
        {
            steps.Add("retiring");
            return Task.FromResult<IReadOnlySet<int>>(Retiring.ToHashSet());
        }

        public Task<bool> BeginAsync(string model, int version, CancellationToken cancellationToken)
        {
            steps.Add($"begin {version}");
            Marked = true;
            Retiring.Add(version);
            return Task.FromResult(true);
        }

        public Task CancelAsync(string model, int version, CancellationToken cancellationToken)
        {
            steps.Add($"cancel {version}");
            Retiring.Remove(version);
            return Task.CompletedTask;
        }

        public Task<bool> CompleteAsync(string model, int version, CancellationToken cancellationToken)
        {
            steps.Add($"complete {version}");
            return Task.FromResult(Retiring.Remove(version));
        }
    }

    private sealed class FakeArtifacts(List<string> steps) : IModelArtifactStore
    {
        public Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> DeleteVersionAsync(string model, int version, CancellationToken cancellationToken)
        {
            steps.Add($"artifacts {version}");
            return Task.FromResult(3);
        }

        public Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CreateAsync(string path, BinaryData content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>Versions 1..n; no aliases until a version has been marked, then <see cref="AliasesAfterMarks"/> (an alias that got there first).</summary>
    private sealed class FakeRegistry(int versions) : IModelRegistry
    {
        public IReadOnlyList<AliasState> AliasesAfterMarks { get; init; } = [];

        public List<string> Steps { get; set; } = [];

        public Func<bool> Marked { get; set; } = () => false;

        public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ModelVersion>>([.. Enumerable.Range(1, versions).Select(v => Version(model, v))]);

        public Task<IReadOnlyList<AliasState>> ListAliasesAsync(string model, CancellationToken cancellationToken)
        {
            Steps.Add("aliases");
            return Task.FromResult(Marked() ? AliasesAfterMarks : []);
        }

        public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> ReserveVersionAsync(string model, string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CommitVersionAsync(ModelVersion version, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ModelVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AliasState?> GetAliasAsync(string model, string aliasName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TrySetAliasAsync(string model, string aliasName, int version, string? expectedETag, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<bool> TryRemoveAliasAsync(string model, string aliasName, string expectedETag, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        private static ModelVersion Version(string model, int version) => new(
            model,
            version,
            DateTimeOffset.UnixEpoch,
            $"run-{version}",
            "trainer",
            new Dictionary<string, string>(),
            new Dictionary<string, double>(),
            new DatasetSchema([], "label", MlTask.BinaryClassification, ["no", "yes"]),
            new Lineage("iris/data.csv", "etag", "sha", $"run-{version}", null),
            "sha");
    }
}
