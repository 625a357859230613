using System.Globalization;
using Mlops.Core.Tests.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Validation;

/// <summary>
/// A clean customer-churn dataset and variants of it with one data-quality problem each, seeded so that every run
/// builds the same bytes.
/// </summary>
internal static class QualityFixtures
{
    public const string Label = "churned";

    private static readonly string[] Plans = ["basic", "plus", "pro", "max"];
    private static readonly string[] Regions = ["north", "south", "east", "west"];

    /// <summary>
    /// income (normal around 50,000), tenure (months, uniform 0 to 120), plan and region (4 values each) and a yes/no
    /// label that churns more with short tenure and the basic plan, but far from perfectly. No value is missing.
    /// </summary>
    public static CsvBuilder Clean(int rows = 400, int seed = 7)
    {
        var random = new Random(seed);
        return CsvBuilder.WithColumns("income", "tenure", "plan", "region", Label).Rows(rows, _ =>
        {
            var income = 50_000 + (12_000 * StandardNormal.Draw(random));
            var tenure = random.NextDouble() * 120;
            var plan = Plans[random.Next(Plans.Length)];
            var odds = 0.8 - (tenure / 40) + (plan == "basic" ? 0.7 : 0) + StandardNormal.Draw(random);
            return [Number(income, "0.00"), Number(tenure, "0.0"), plan, Regions[random.Next(Regions.Length)], odds > 0 ? "yes" : "no"];
        });
    }

    /// <summary>A clean dataset whose label is "yes" in 1 row of every 51 (1:50), independent of the features.</summary>
    public static CsvBuilder Imbalanced(int rows = 1020) => Clean(rows).Map(Label, (i, _) => i % 51 == 0 ? "yes" : "no");

    /// <summary>
    /// A fee charged only when the customer churned: zero for every "no", 10 to 50 for every "yes", so it gives the label
    /// away.
    /// </summary>
    public static CsvBuilder WithLeak(CsvBuilder clean, int seed = 11)
    {
        var random = new Random(seed);
        var labels = new List<string>();
        clean.Map(Label, (_, value) =>
        {
            labels.Add(value);
            return value;
        });
        return clean.WithColumn("cancellation_fee", i => labels[i] == "yes" ? Number(10 + (random.NextDouble() * 40), "0.00") : "0", before: Label);
    }

    /// <summary>Adds a column before the label, which stays last (the label by convention).</summary>
    /// <summary>
    /// The report without the note that the last column was taken as the label: every fixture's label is its last
    /// column, and the tests that use them are about one other rule each.
    /// </summary>
    public static ValidationReport WithoutLabelNote(this ValidationReport report) =>
        report with { Findings = [.. report.Findings.Where(f => f.Rule != ValidationRules.LabelByPosition)] };

    public static CsvBuilder With(this CsvBuilder csv, string name, Func<int, string> value) => csv.WithColumn(name, value, before: Label);

    public static string Number(double value, string format = "R") => value.ToString(format, CultureInfo.InvariantCulture);
}
