using Mlops.Core.Experiments;
using Mlops.Core.Serving;

namespace Mlops.Storage.Tests.Experiments;

/// <summary>The shadow queue, the shadow prediction log and the per-variant tallies a look reads, against Azurite.</summary>
public class ShadowStorageTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADispatchedRequest_ArrivesOnTheShadowQueue_AndReadsBack()
    {
        var model = TestModels.Unique("shadow");
        var request = new ShadowRequest(model, "exp" + Guid.NewGuid().ToString("N")[..12], 3, [
            new ShadowRow("p1", """{"x":1.5,"color":"red"}""", "customer-1"),
            new ShadowRow("p2", """{"x":null,"color":"blå"}""", null),
        ]);

        Assert.True(fixture.Get<IShadowDispatch>().TryEnqueue(request));

        var queue = fixture.Clients.QueueService.GetQueueClient(StorageNames.ShadowQueue);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                var read = ShadowMessages.Read(message.MessageText);
                if (read.ExperimentId != request.ExperimentId)
                {
                    continue;
                }

                Assert.Equal(request.Model, read.Model);
                Assert.Equal(3, read.ChallengerVersion);
                Assert.Equal(request.Rows, read.Rows);
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The shadow request never reached the queue.");
    }

    [Fact]
    public async Task Serving_CountsEachVariantsAnswers_AndTheChallengersFailures_OfOneExperimentOnly()
    {
        var model = TestModels.Unique("serving");
        var log = fixture.Get<IPredictionLog>();
        PredictionRecord Row(int i, string variant, string experiment, double latency, string? error = null) =>
            new(model, $"p{i}", variant == "challenger" ? 2 : 1, variant, At, "{}", "yes", 0.9, null) { ExperimentId = experiment, LatencyMs = latency, ChallengerError = error };

        await log.RecordAsync(
        [
            Row(1, "champion", "expA", 1.0),
            Row(2, "champion", "expA", 3.0),
            Row(3, "challenger", "expA", 5.0),
            Row(4, "champion", "expA", 2.0, error: "Feature 'f4' is missing."),
            Row(5, "challenger", "expB", 100.0),
        ], CancellationToken.None);

        var serving = await log.ServingAsync(model, "expA", CancellationToken.None);

        Assert.Equal(3, serving.Champion.Predictions);
        Assert.Equal(2.0, serving.Champion.LatencyMs.Mean, 9);
        Assert.Equal(0, serving.Champion.Errors.Sum);
        Assert.Equal(2, serving.Challenger.Predictions);
        Assert.Equal(1, serving.Challenger.Errors.Sum);
        Assert.Equal(1, serving.Challenger.LatencyMs.Count);
        Assert.Equal(5.0, serving.Challenger.LatencyMs.Mean, 9);
    }

    [Fact]
    public async Task ShadowPredictions_ReadBackUnderTheChampionsId_AndTallyAsTheChallengers()
    {
        var model = TestModels.Unique("shadowlog");
        var shadows = fixture.Get<IShadowPredictionLog>();
        var answered = new PredictionRecord(model, "p1", 2, "challenger", At, "{}", "no", 0.2, "c-1") { ExperimentId = "expS", LatencyMs = 0.4 };
        var failed = answered with { PredictionId = "p2", Prediction = string.Empty, Score = null, LatencyMs = null, ChallengerError = new string('e', 5_000) };

        await shadows.RecordAsync([answered, failed], CancellationToken.None);

        Assert.Equal(answered, await shadows.GetAsync(model, "p1", CancellationToken.None));
        Assert.Equal(1_000, (await shadows.GetAsync(model, "p2", CancellationToken.None))!.ChallengerError!.Length);
        Assert.Null(await fixture.Get<IPredictionLog>().GetAsync(model, "p1", CancellationToken.None));
        var serving = await shadows.ServingAsync(model, "expS", CancellationToken.None);
        Assert.Equal(2, serving.Predictions);
        Assert.Equal(1, serving.Errors.Sum);
    }

    [Fact]
    public async Task BothVariantsOutcomes_OfOnePrediction_AreKept()
    {
        var outcomes = fixture.Get<IExperimentOutcomes>();
        var experiment = "exp" + Guid.NewGuid().ToString("N")[..12];

        await outcomes.RecordAsync(experiment, "p1", "champion", 1, CancellationToken.None);
        await outcomes.RecordAsync(experiment, "p1", "challenger", 0, CancellationToken.None);
        await outcomes.RecordAsync(experiment, "p1", "challenger", 1, CancellationToken.None);

        var (champion, challenger) = await outcomes.TallyAsync(experiment, CancellationToken.None);
        Assert.Equal(new VariantTally(1, 1, 1), champion);
        Assert.Equal(new VariantTally(1, 1, 1), challenger);
    }
}
