using System.Globalization;
using Mlops.Core.Monitoring;
using Xunit.Abstractions;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>The change detector on a 0/1 error stream, seeded: a concept flip is caught within its bound, a stationary stream never.</summary>
public class PageHinkleyTests(ITestOutputHelper output)
{
    [Fact]
    public void AConceptFlipFromTenToFortyPercentErrors_IsDetectedWithinTheDocumentedBound()
    {
        var detector = MonitoringSettings.Default.Detector;
        var delays = new List<int>();
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var before = Errors(random, 5_000, 0.1);
            var after = Errors(random, 2_000, 0.4);

            var state = detector.Observe(PageHinkleyState.Start, before);
            Assert.False(state.Detected, $"seed {seed}: alarm before the flip, at {state.Count}");
            state = detector.Observe(state, after);

            Assert.True(state.Detected, $"seed {seed}: no alarm in 2,000 observations after the flip");
            delays.Add((int)(state.Count - before.Length));
        }

        delays.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"observations from the flip to the alarm over 50 seeds: median {delays[25]}, max {delays[^1]} (bound {PageHinkley.FlipDetectionBound})"));
        Assert.True(delays[^1] <= PageHinkley.FlipDetectionBound, $"worst delay {delays[^1]}");
    }

    [Fact]
    public void FiftyStationaryWindowsOfAThousand_RaiseNoAlarm()
    {
        var detector = MonitoringSettings.Default.Detector;
        var peaks = new List<double>();
        for (var seed = 100; seed < 110; seed++)
        {
            var random = new Random(seed);
            var state = PageHinkleyState.Start;
            var peak = 0.0;
            for (var window = 0; window < 50; window++)
            {
                // As the timer will: one window's labelled errors at a time, the state stored in between.
                foreach (var error in Errors(random, 1_000, 0.1))
                {
                    state = detector.Observe(state, error);
                    peak = Math.Max(peak, state.Sum - state.Minimum);
                }

                Assert.False(state.Detected, $"seed {seed}: false alarm in window {window + 1}");
            }

            peaks.Add(peak);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"highest excursion over 50,000 stationary observations, 10 seeds: {string.Join(", ", peaks.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))} (lambda {PageHinkley.DefaultLambda})"));
    }

    [Fact]
    public void AfterAnAlarm_TheStateStaysUntilTheLoopStartsAgain()
    {
        var detector = new PageHinkley(Delta: 0, Lambda: 2, MinObservations: 1);

        var alarmed = detector.Observe(PageHinkleyState.Start, [0, 0, 0, 1, 1, 1, 1, 1]);
        var later = detector.Observe(alarmed, 0);

        Assert.True(alarmed.Detected);
        Assert.Same(alarmed, later);
        Assert.False(detector.Observe(PageHinkleyState.Start, 0).Detected);
    }

    private static double[] Errors(Random random, int count, double rate) =>
        [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() < rate ? 1.0 : 0.0)];
}
