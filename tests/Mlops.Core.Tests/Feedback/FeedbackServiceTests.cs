using Microsoft.Extensions.Options;
using Mlops.Core.Experiments;
using Mlops.Core.Feedback;
using Mlops.Core.Registry;
using Mlops.Core.Serving;
using Mlops.Testing;
using Moq;

namespace Mlops.Core.Tests.Feedback;

/// <summary>
/// The join of labels to predictions when the log is written in the background: whichever of the two is stored last
/// must see the other, so no interleaving of the writer and a label loses the experiment's outcome.
/// </summary>
public class FeedbackServiceTests
{
    private const string Model = "churn";
    private const string ExperimentId = "exp1";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly Mock<IPredictionLog> predictions = new();
    private readonly Mock<IFeedbackStore> feedback = new();
    private readonly Mock<IModelRegistry> registry = new();
    private readonly Mock<IExperimentStore> experiments = new();
    private readonly Mock<IExperimentOutcomes> outcomes = new();
    private readonly Mock<IShadowPredictionLog> shadows = new();

    public FeedbackServiceTests()
    {
        registry.Setup(r => r.GetAliasAsync(Model, Aliases.Champion, It.IsAny<CancellationToken>())).ReturnsAsync(new AliasState(Aliases.Champion, 1, "e"));
        var experiment = new Experiment(
            ExperimentId, Model, PromotionStrategies.Ab, ExperimentStatuses.Running, 0.5, ExperimentMetrics.Accuracy, 1, 2, "salt", Now, PromotionSettings.Default);
        experiments.Setup(e => e.GetAsync(Model, ExperimentId, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredExperiment(experiment, "e"));
    }

    [Fact]
    public async Task ALabel_WhosePredictionIsWrittenBetweenItsLookupAndItsStore_IsStillJoinedToTheExperiment()
    {
        var id = PredictionIds.New(Now.AddSeconds(-1));
        var prediction = new PredictionRecord(Model, id, 1, "champion", Now, "{}", "yes", 0.9, "user-1") { ExperimentId = ExperimentId };

        // The writer commits the prediction right after the label's lookup missed it, and its join finds no label yet.
        predictions.SetupSequence(p => p.GetAsync(Model, id, It.IsAny<CancellationToken>()))
            .ReturnsAsync((PredictionRecord?)null)
            .ReturnsAsync(prediction);
        feedback.Setup(f => f.FindAsync(Model, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var service = Service();

        var recorded = await service.RecordAsync(Model, [(id, "yes")], CancellationToken.None);

        Assert.Null(Assert.Single(recorded).Error);
        outcomes.Verify(o => o.RecordAsync(ExperimentId, id, "champion", 1.0, It.IsAny<CancellationToken>()), Times.AtLeastOnce);
    }

    [Fact]
    public async Task ALabel_WhosePredictionIsStillUnwritten_IsKeptPending_AndJoinedWhenTheWriterReportsIt()
    {
        var id = PredictionIds.New(Now.AddSeconds(-1));
        var prediction = new PredictionRecord(Model, id, 1, "champion", Now, "{}", "no", 0.2, "user-1") { ExperimentId = ExperimentId };
        predictions.Setup(p => p.GetAsync(Model, id, It.IsAny<CancellationToken>())).ReturnsAsync((PredictionRecord?)null);
        feedback.Setup(f => f.FindAsync(Model, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new FeedbackRecord(Model, id, "yes", Now)]);
        var service = Service();

        var recorded = Assert.Single(await service.RecordAsync(Model, [(id, "yes")], CancellationToken.None));
        Assert.True(recorded.Pending);
        outcomes.Verify(o => o.RecordAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<double>(), It.IsAny<CancellationToken>()), Times.Never);

        await service.OnWrittenAsync([prediction], CancellationToken.None);

        outcomes.Verify(o => o.RecordAsync(ExperimentId, id, "champion", 0.0, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ALabel_ForAnIdThisProductDidNotMakeRecently_IsRefusedAsUnknown()
    {
        predictions.Setup(p => p.GetAsync(Model, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((PredictionRecord?)null);
        var service = Service();

        var recorded = await service.RecordAsync(Model, [(PredictionIds.New(Now.AddHours(-2)), "yes"), ("not-an-id", "yes")], CancellationToken.None);

        Assert.All(recorded, r => Assert.NotNull(r.Error));
        feedback.Verify(f => f.RecordAsync(It.IsAny<FeedbackRecord>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private FeedbackService Service() => new(
        predictions.Object,
        feedback.Object,
        registry.Object,
        experiments.Object,
        outcomes.Object,
        shadows.Object,
        Options.Create(new ServingOptions()),
        new FixedClock(Now));
}
