using System.Globalization;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Tests.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Validation;

/// <summary>
/// One fixture per data-quality rule: each produces exactly its finding, with the outcome the rule promises (errors
/// quarantine, warnings pass with their mitigation), while the clean dataset it is made from produces none.
/// </summary>
public class DataQualityRuleTests
{
    private static ValidationReport Validate(CsvBuilder csv, string? spec = null, DataContract? previous = null) =>
        Validator().Validate(csv.ToStream(), spec, previous).WithoutLabelNote();

    private static ValidationReport Validate(byte[] csv) => Validator().Validate(new MemoryStream(csv), specJson: null).WithoutLabelNote();

    private static DatasetValidator Validator() => new(Options.Create(new ValidationOptions()));

    private static ValidationFinding Only(ValidationReport report, string rule, Severity severity)
    {
        var finding = Assert.Single(report.Findings);
        Assert.Equal(rule, finding.Rule);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(severity != Severity.Error, report.Passed);
        return finding;
    }

    [Fact]
    public void Clean_NoFindingPassesWithContract()
    {
        var report = Validate(QualityFixtures.Clean());

        Assert.Empty(report.Findings);
        Assert.Empty(report.Mitigations);
        Assert.True(report.Passed);
        Assert.NotNull(report.Contract);
    }

    [Fact]
    public void MissingThirtyPercent_WarnsAndImputes()
    {
        var csv = QualityFixtures.Clean().Map("income", (i, value) => i % 10 < 3 ? "" : value);

        var report = Validate(csv);

        var finding = Only(report, ValidationRules.ColumnMissingRate, Severity.Warning);
        Assert.Equal("income", finding.Column);
        Assert.Equal(0.3, finding.Observed!.Value, 3);
        Assert.Equal(0.2, finding.Threshold);
        Assert.Contains("30%", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new Mitigation(MitigationKinds.ImputeMissing, "income", "30% of the values are missing."), Assert.Single(report.Mitigations));
        Assert.Contains(report.Schema!.Features, f => f.Name == "income");
    }

    [Fact]
    public void ConstantColumn_WarnsAndLeavesItOut()
    {
        var report = Validate(QualityFixtures.Clean().With("country", _ => "NL"));

        var finding = Only(report, ValidationRules.ColumnConstant, Severity.Warning);
        Assert.Equal("country", finding.Column);
        Assert.DoesNotContain(report.Schema!.Features, f => f.Name == "country");
        Assert.Equal(MitigationKinds.ExcludeColumn, Assert.Single(report.Mitigations).Kind);
    }

    [Fact]
    public void FortyPercentDuplicates_Quarantined()
    {
        var csv = QualityFixtures.Clean(240).AppendCopies(Enumerable.Range(0, 160));

        var report = Validate(csv);

        var finding = Only(report, ValidationRules.DuplicateRows, Severity.Error);
        Assert.Equal(0.4, finding.Observed!.Value, 6);
        Assert.Equal(0.3, finding.Threshold);
        Assert.Contains("40% of the rows (160 of 400)", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Contract);
    }

    [Fact]
    public void OneToFiftyImbalance_WarnsWithClassWeightsAndStratifiedSplit()
    {
        var report = Validate(QualityFixtures.Imbalanced());

        var finding = Only(report, ValidationRules.ClassImbalance, Severity.Warning);
        Assert.Equal(QualityFixtures.Label, finding.Column);
        Assert.Equal(0.02, finding.Observed!.Value, 6);
        Assert.Contains("1:50", finding.Message, StringComparison.Ordinal);
        Assert.Equal(
            [MitigationKinds.ClassWeights, MitigationKinds.StratifiedSplit],
            report.Mitigations.Select(m => m.Kind));
        Assert.All(report.Mitigations, m => Assert.Equal(QualityFixtures.Label, m.Column));
    }

    [Fact]
    public void ImbalancedBinaryLabel_SaysHowToChooseModelsByFindingTheRareClass()
    {
        // "yes" is rare and the positive class: only the metric is to say. "fraud" sorts first, so "legit" is positive.
        var positiveRare = Only(Validate(QualityFixtures.Imbalanced()), ValidationRules.ClassImbalance, Severity.Warning).Message;
        var negativeRare = Only(Validate(QualityFixtures.Imbalanced().Map(QualityFixtures.Label, (_, v) => v == "yes" ? "fraud" : "legit")), ValidationRules.ClassImbalance, Severity.Warning).Message;
        var said = Only(Validate(QualityFixtures.Imbalanced(), """{"primaryMetric": "averagePrecision"}"""), ValidationRules.ClassImbalance, Severity.Warning).Message;

        Assert.Contains("to choose them by how well they find 'yes', say \"primaryMetric\": \"averagePrecision\"", positiveRare, StringComparison.Ordinal);
        Assert.Contains("The positive class (the one the probability, precision, recall and average precision are about) is 'legit'; to choose models by how well they find 'fraud', say \"positiveClass\": \"fraud\", \"primaryMetric\": \"averagePrecision\"", negativeRare, StringComparison.Ordinal);
        Assert.DoesNotContain("primaryMetric", said, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegressionLabelWithAFewValuesFarOut_IsWarnedAbout_AndACleanOneIsNot()
    {
        // Four incomes of 400 written with three zeros too many: few, but squared error follows them.
        const string Spec = """{"label": "income", "task": "regression"}""";
        var clean = QualityFixtures.Clean();
        var zeros = QualityFixtures.Clean().Map("income", (i, v) => i % 100 == 5 ? QualityFixtures.Number(double.Parse(v, CultureInfo.InvariantCulture) * 1000, "0.00") : v);

        var finding = Only(Validate(zeros, Spec), ValidationRules.LabelOutliers, Severity.Warning);

        Assert.Equal(("income", 0.01), (finding.Column, finding.Observed));
        Assert.StartsWith("Label 'income' has 4 values (1%) more than 10 interquartile ranges beyond its quartiles", finding.Message, StringComparison.Ordinal);
        Assert.Contains("\"primaryMetric\": \"mae\"", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Validate(clean, Spec).Findings, f => f.Rule == ValidationRules.LabelOutliers);
    }

    [Fact]
    public void ACountLabelWithALongRightTail_IsNotWarnedAbout_WhileAValueOffByAThousandIsFoundInIt()
    {
        // Hourly rentals: a rounded log-normal, half the hours between about 6 and 24, the busiest a few hundred. Its
        // raw fences (10 IQRs above the third quartile) cut into that tail; on a log scale it is one smooth spread.
        const string Spec = """{"label": "income", "task": "regression"}""";
        var random = new Random(3);
        var drawn = new List<double>();
        var counts = QualityFixtures.Clean(2000).Map("income", (_, _) =>
        {
            var normal = StandardNormal.Draw(random);
            drawn.Add(Math.Round(Math.Exp(2.5 + normal)));
            return QualityFixtures.Number(drawn[^1], "0");
        });
        var values = drawn.Order().ToArray();
        var (q1, q3) = (values[values.Length / 4], values[3 * values.Length / 4]);
        Assert.Contains(values, v => v > q3 + (10 * (q3 - q1)));

        Assert.DoesNotContain(Validate(counts, Spec).Findings, f => f.Rule == ValidationRules.LabelOutliers);

        var typed = counts.Map("income", (i, v) => i == 17 ? QualityFixtures.Number(double.Parse(v, CultureInfo.InvariantCulture) * 1000, "0") : v);
        var finding = Only(Validate(typed, Spec), ValidationRules.LabelOutliers, Severity.Warning);
        Assert.StartsWith("Label 'income' has 1 value (0.05%) more than 10 interquartile ranges beyond its quartiles, and 3 on a log scale since its values are not negative (below", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALabelWrittenSeveralWays_QuarantinedNamingEverySpelling()
    {
        string[] yes = ["yes", "Yes", "YES"];
        var report = Validate(QualityFixtures.Clean().Map(QualityFixtures.Label, (i, value) => value == "yes" ? yes[i % yes.Length] : i % 3 == 0 ? "No" : value));

        var finding = Only(report, ValidationRules.LabelSpellings, Severity.Error);
        Assert.Equal(QualityFixtures.Label, finding.Column);
        foreach (var spelling in new[] { "'yes' (", "'Yes' (", "'YES' (", "'no' (", "'No' (" })
        {
            Assert.Contains(spelling, finding.Message, StringComparison.Ordinal);
        }

        Assert.Contains("(5 classes where 2 are meant)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsThatDifferByMoreThanCapitals_AreDifferentClasses()
    {
        string[] grades = ["A", "A+", "B", "B-"];

        var report = Validate(QualityFixtures.Clean().Map(QualityFixtures.Label, (i, _) => grades[i % grades.Length]));

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.LabelSpellings);
    }

    [Fact]
    public void ACategoryWrittenSeveralWays_WarnsNamingEachSpelling_AndTheRowsInTheRarerOnes()
    {
        // One row in ten of two regions in another spelling: capitals, a hyphen inside the word, a trailing blank (read trimmed).
        var changed = 0;
        var report = Validate(QualityFixtures.Clean().Map("region", (i, value) =>
        {
            var spelled = (i % 10, value) switch
            {
                (0, "north") => "North",
                (1, "north") => "NORTH ",
                (0, "south") => "So-uth",
                _ => value,
            };
            changed += spelled == value ? 0 : 1;
            return spelled;
        }));

        var finding = Only(report, ValidationRules.CategorySpellings, Severity.Warning);
        Assert.Equal("region", finding.Column);
        foreach (var spelling in new[] { "'north' (", "'North' (", "'NORTH' (", "'south' (", "'So-uth' (" })
        {
            Assert.Contains(spelling, finding.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("'east'", finding.Message, StringComparison.Ordinal);
        Assert.Equal(changed, finding.Observed);
        Assert.Contains($"so the {changed} rows written in a rarer spelling", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CategoriesThatDifferByMoreThanCapitalsAndSeparatorsInsideWords_AreNotOneCategory()
    {
        // A grade's minus is not a separator: only a hyphen or underscore between two letters or digits is.
        string[] grades = ["A", "A+", "B", "B-", "B--", "-B", "C_"];

        var report = Validate(QualityFixtures.Clean().Map("region", (i, _) => grades[i % grades.Length]));

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.CategorySpellings);
    }

    [Fact]
    public void AWholeNumberLabel_ReadAsClasses_SaysSo_AndHowToPredictItAsANumber_UnlessTheSpecChose()
    {
        var csv = QualityFixtures.Clean().Map(QualityFixtures.Label, (i, _) => (1 + (i % 5)).ToString(CultureInfo.InvariantCulture));

        var finding = Only(Validate(csv), ValidationRules.LabelAsClasses, Severity.Info);
        var chosen = Validate(csv, spec: """{"task": "multiclass"}""");

        Assert.Equal(QualityFixtures.Label, finding.Column);
        Assert.Contains("holds 5 whole numbers (1 to 5), so it is trained as 5 classes", finding.Message, StringComparison.Ordinal);
        Assert.Contains("\"task\": \"regression\"", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(chosen.Findings, f => f.Rule == ValidationRules.LabelAsClasses);
    }

    [Fact]
    public void WholeNumbersWrittenWithZerosInFront_WarnThatTheyLookLikeCodes()
    {
        // Postal codes: the north-east's start with a zero, which a number would not keep.
        var report = Validate(QualityFixtures.Clean().With("zip", i => (i % 3 == 0 ? "0" : "1") + (2100 + (i % 40)).ToString(CultureInfo.InvariantCulture)));

        var finding = Only(report, ValidationRules.NumericCode, Severity.Warning);
        Assert.Equal("zip", finding.Column);
        Assert.Contains("values such as '02100' are written with zeros in front", finding.Message, StringComparison.Ordinal);
        Assert.Contains("under \"categorical\"", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0")]
    [InlineData("-0.25")]
    public void NumbersWithALeadingZeroOfTheirOwn_AreNotCodes(string small)
    {
        var report = Validate(QualityFixtures.Clean().With("ratio", i => i % 2 == 0 ? small : (i % 7).ToString(CultureInfo.InvariantCulture)));

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.NumericCode);
    }

    [Fact]
    public void ZerosInFront_OfACategoricalColumn_AreKeptAndNotWarnedAbout()
    {
        var report = Validate(QualityFixtures.Clean().With("zip", i => "0" + (2100 + (i % 40)).ToString(CultureInfo.InvariantCulture)), spec: """{"categorical": ["zip"]}""");

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.NumericCode);
    }

    [Fact]
    public void LeakingColumn_Quarantined()
    {
        var report = Validate(QualityFixtures.WithLeak(QualityFixtures.Clean()));

        var finding = Only(report, ValidationRules.LabelLeakage, Severity.Error);
        Assert.Equal("cancellation_fee", finding.Column);
        Assert.True(finding.Observed > 0.98, $"skill {finding.Observed}");
    }

    [Fact]
    public void NewCategory_WarnsAgainstPreviousContract()
    {
        var previous = Validate(QualityFixtures.Clean()).Contract;
        var csv = QualityFixtures.Clean().Map("region", (i, value) => i % 20 == 0 ? "central" : value);

        var report = Validate(csv, previous: previous);

        var finding = Only(report, ValidationRules.NewCategory, Severity.Warning);
        Assert.Equal("region", finding.Column);
        Assert.Contains("'central'", finding.Message, StringComparison.Ordinal);
        Assert.Equal(0.05, finding.Observed!.Value, 6);
    }

    [Fact]
    public void RaggedRow_QuarantinedNamingTheLine()
    {
        var clean = QualityFixtures.Clean().ToText();
        var firstLineEnd = clean.IndexOf('\n', StringComparison.Ordinal) + 1;
        var text = clean[..firstLineEnd] + "1,2\n" + clean[firstLineEnd..];

        var report = Validate(CsvBuilder.Encode(text));

        var finding = Only(report, ValidationRules.RaggedRow, Severity.Error);
        Assert.Contains("Line 2 has 2 field(s) but the header has 5", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALatin1File_PassesReadAsWindows1252_AndTheSchemaRecordsIt()
    {
        var text = QualityFixtures.Clean().ToText();
        var latin1 = System.Text.Encoding.Latin1.GetBytes(text.Replace("north", "nörth", StringComparison.Ordinal));

        var report = Validate(latin1);

        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.BadEncoding);
        Assert.Equal(CsvEncoding.Windows1252, report.Schema!.Dialect!.Encoding);
    }

    [Fact]
    public void WrongEncoding_WhereTheSpecSaysUtf8_QuarantinedNamingByteAndLine()
    {
        var text = QualityFixtures.Clean().ToText();
        var latin1 = System.Text.Encoding.Latin1.GetBytes(text.Replace("north", "nörth", StringComparison.Ordinal));

        var report = Validator().Validate(new MemoryStream(latin1), specJson: "{\"encoding\":\"utf-8\"}");

        var finding = Only(report, ValidationRules.BadEncoding, Severity.Error);
        Assert.Contains("byte 0xF6", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(line ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_Quarantined()
    {
        Only(Validate([]), ValidationRules.EmptyFile, Severity.Error);
    }

    [Fact]
    public void Outliers_Warn()
    {
        var csv = QualityFixtures.Clean().Map("income", (i, value) => i % 12 == 0 ? "9999999" : value);

        var report = Validate(csv);

        var finding = Only(report, ValidationRules.OutlierRate, Severity.Warning);
        Assert.Equal("income", finding.Column);
        Assert.Equal(34.0 / 400, finding.Observed!.Value, 6);
    }

    [Fact]
    public void ValuesOutsidePreviousRange_Warn()
    {
        var previous = Validate(QualityFixtures.Clean()).Contract;
        var csv = QualityFixtures.Clean().Map("tenure", (i, value) => i % 25 == 0 ? "500" : value);

        var report = Validate(csv, previous: previous);

        var finding = Only(report, ValidationRules.OutOfRange, Severity.Warning);
        Assert.Equal("tenure", finding.Column);
        Assert.Equal(16.0 / 400, finding.Observed!.Value, 6);
    }

    [Fact]
    public void NumbersWithAStrayWord_AreReportedNotDroppedAsAnIdentifier()
    {
        var csv = QualityFixtures.Clean().With("price", i => i == 37 ? "unknown" : QualityFixtures.Number(10 + (i * 7.31 % 500)));

        var report = Validate(csv);

        var finding = Only(report, ValidationRules.ColumnNonNumericValues, Severity.Error);
        Assert.Equal("price", finding.Column);
        Assert.Contains("holds numbers but for 1 value(s) (0.3% of its values): 'unknown' (1 row).", finding.Message, StringComparison.Ordinal);
        Assert.Contains("put \"missingValues\": [\"unknown\"] in mlops.json and restart the run", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.IdentifierColumn);
    }

    [Fact]
    public void NumbersWithSeveralStrayWords_NameEveryKind_AndOneSpecLineForAllOfThem()
    {
        // SAS and Stata write a missing number as '.'; a Python export writes None. One fix should cover both, beside
        // the words the spec already lists.
        string? Stray(int i) => i % 100 == 3 ? "." : i % 200 == 7 ? "None" : i == 11 ? "pending" : null;
        var csv = QualityFixtures.Clean().With("price", i => Stray(i) ?? QualityFixtures.Number(10 + (i * 7.31 % 500)));

        var finding = Only(Validate(csv, """{"missingValues": ["pending"]}"""), ValidationRules.ColumnNonNumericValues, Severity.Error);

        Assert.Contains("holds numbers but for 6 value(s) (1.5% of its values): '.' (4 rows) and 'None' (2 rows).", finding.Message, StringComparison.Ordinal);
        Assert.Contains("put \"missingValues\": [\"pending\", \".\", \"None\"] in mlops.json", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportsTitleAboveTheTable_PassesWithTheTitleSkipped_AndSaysSo()
    {
        var table = QualityFixtures.Clean(200, seed: 7).ToText();

        var report = Validate(CsvBuilder.Encode("Quarterly churn report\nGenerated 2026-11-30\n\n" + table));

        var finding = Only(report, ValidationRules.PreambleSkipped, Severity.Warning);
        Assert.Contains("2 line(s) above the header were taken for a title or notes and skipped: 'Quarterly churn report', 'Generated 2026-11-30'", finding.Message, StringComparison.Ordinal);
        Assert.True(report.Passed, report.Summary);
        Assert.Equal(200, report.Rows);
        Assert.Equal(2, report.Schema!.Dialect!.PreambleLines);
    }

    [Fact]
    public void TwoExportsJoinedEndToEnd_PassWithTheSecondHeaderSkipped_AndSaySo()
    {
        var first = QualityFixtures.Clean(200, seed: 7).ToText();
        var joined = first + QualityFixtures.Clean(200, seed: 8).ToText();

        var report = Validate(CsvBuilder.Encode(joined));

        var finding = Only(report, ValidationRules.HeaderRepeated, Severity.Warning);
        Assert.Contains("Line 202 repeats the header", finding.Message, StringComparison.Ordinal);
        Assert.True(report.Passed, report.Summary);
        Assert.Equal(400, report.Rows);
    }

    [Fact]
    public void NumbersWithAStrayWord_NamedInTheSpecsMissingValues_AreNumbersWithAMissingValue()
    {
        var csv = QualityFixtures.Clean().With("price", i => i == 37 ? "Unknown" : QualityFixtures.Number(10 + (i * 7.31 % 500)));

        var report = Validate(csv, """{"missingValues": ["unknown"]}""");

        Assert.True(report.Passed, report.Summary);
        Assert.Contains(new ColumnSchema("price", ColumnKind.Numeric), report.Schema!.Features);
        Assert.Equal(1, report.Contract!.Columns.Single(c => c.Name == "price").Missing);
        Assert.Equal(["unknown"], report.Schema.Dialect!.MissingValues);
    }

    [Fact]
    public void NumbersWithAStrayWord_ListedCategorical_AreCategories()
    {
        var csv = QualityFixtures.Clean().With("grade", i => i == 37 ? "unknown" : (i % 9).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var report = Validate(csv, """{"categorical": ["grade"]}""");

        Assert.True(report.Passed, report.Summary);
        Assert.Contains(new ColumnSchema("grade", ColumnKind.Categorical), report.Schema!.Features);
    }

    [Fact]
    public void DateColumn_IsADateFeature_WithNoFinding()
    {
        var csv = QualityFixtures.Clean().With("signed_up", i => new DateTime(2020, 1, 1).AddDays(i * 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var report = Validate(csv);

        Assert.True(report.Passed, report.Summary);
        Assert.DoesNotContain(report.Findings, f => f.Column == "signed_up");
        Assert.Contains(new ColumnSchema("signed_up", ColumnKind.Date), report.Schema!.Features);
    }

    [Fact]
    public void FreeTextColumn_IsATextFeature_NotAnIdentifier()
    {
        var words = new[] { "late", "delivery", "great", "support", "broken", "app", "cheap", "refund" };
        var csv = QualityFixtures.Clean().With("comment", i => $"\"{words[i % 8]} {words[(i / 8) % 8]}, {words[(i / 64) % 8]} again {i}\"");

        var report = Validate(csv);

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.IdentifierColumn);
        Assert.Contains(new ColumnSchema("comment", ColumnKind.Text), report.Schema!.Features);
    }

    [Theory]
    [InlineData(400, "(400 distinct values in 400 rows")]
    [InlineData(4000, "(about ")]
    public void AnIdentifier_SaysWhenItsDistinctCountIsAnEstimate(int rows, string expected)
    {
        // Past the profiler's exact bound of 1,024 values the count is HyperLogLog's, within about 1%.
        var report = Validate(QualityFixtures.Clean(rows).With("transaction_id", i => "TX" + (100000 + i)));

        var finding = Only(report, ValidationRules.IdentifierColumn, Severity.Warning);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnListedAsText_IsATextFeature()
    {
        var csv = QualityFixtures.Clean().With("note", i => "n" + i);

        var inferred = Validate(csv);
        var declared = Validate(csv, """{"text": ["note"]}""");

        Assert.Contains(inferred.Findings, f => f.Rule == ValidationRules.IdentifierColumn && f.Column == "note");
        Assert.Contains(new ColumnSchema("note", ColumnKind.Text), declared.Schema!.Features);
    }

    [Fact]
    public void DateColumnThatNoLongerHoldsDates_BreaksTheContract()
    {
        var previous = Validate(QualityFixtures.Clean().With("signed_up", i => new DateTime(2020, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Contract;
        var csv = QualityFixtures.Clean().With("signed_up", i => i % 5 == 0 ? "soon" : "later");

        var report = Validate(csv, previous: previous);

        var finding = Only(report, ValidationRules.ContractTypeChanged, Severity.Error);
        Assert.Equal("signed_up", finding.Column);
        Assert.Contains("was a date in the accepted contract (version 1) but now holds values such as 'soon'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousFeatureMissing_Quarantined()
    {
        var previous = Validate(QualityFixtures.Clean().With("age", i => QualityFixtures.Number(20 + (i * 7 % 50)))).Contract;

        var report = Validate(QualityFixtures.Clean(), previous: previous);

        var finding = Only(report, ValidationRules.ContractMissingColumn, Severity.Error);
        Assert.Equal("age", finding.Column);
    }

    [Fact]
    public void PreviousFeatureMissingButIgnored_Passes()
    {
        var previous = Validate(QualityFixtures.Clean().With("age", i => QualityFixtures.Number(20 + (i * 7 % 50)))).Contract;

        var report = Validate(QualityFixtures.Clean(), """{"ignore": ["age"]}""", previous);

        Assert.True(report.Passed, report.Summary);
        Assert.Equal(ValidationRules.SpecUnknownColumn, Assert.Single(report.Findings).Rule);
    }

    [Fact]
    public void NumericColumnTurnedText_Quarantined()
    {
        var previous = Validate(QualityFixtures.Clean()).Contract;
        string[] words = ["short", "medium", "long"];
        var csv = QualityFixtures.Clean().Map("tenure", (i, _) => words[i % 3]);

        var report = Validate(csv, previous: previous);

        var finding = Only(report, ValidationRules.ContractTypeChanged, Severity.Error);
        Assert.Contains("was numeric in the accepted contract (version 1) but now holds values such as 'short'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericColumnWithOneWord_NamesTheWord()
    {
        var previous = Validate(QualityFixtures.Clean()).Contract;
        var csv = QualityFixtures.Clean().Map("tenure", (i, value) => i == 3 ? "twelve" : value);

        var report = Validate(csv, previous: previous);

        var finding = Only(report, ValidationRules.ColumnNonNumericValues, Severity.Error);
        Assert.Contains("'twelve'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericClassesWrittenTwoWays_Quarantined()
    {
        var csv = QualityFixtures.Clean().Map(QualityFixtures.Label, (i, _) => (i % 4) switch { 0 => "1", 1 => "1.0", _ => "0" });

        var report = Validate(csv);

        var finding = Only(report, ValidationRules.LabelUnusable, Severity.Error);
        Assert.Contains("writes the same number more than one way ('1' and '1.0')", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelGainsAClass_Quarantined()
    {
        var previous = Validate(QualityFixtures.Clean()).Contract;
        var csv = QualityFixtures.Clean().Map(QualityFixtures.Label, (i, value) => i % 3 == 0 ? "maybe" : value);

        var report = Validate(csv, previous: previous);

        var finding = Only(report, ValidationRules.ContractTypeChanged, Severity.Error);
        Assert.Equal(QualityFixtures.Label, finding.Column);
        Assert.Contains("binary classification", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousContractLabel_IsChosenOverTheConvention()
    {
        var previous = Validate(QualityFixtures.Clean()).Contract;
        var csv = QualityFixtures.Clean().WithColumn("note", i => "n" + (i % 4));
        Assert.Equal("note", Validate(csv).Schema!.Label);

        var report = Validate(csv, previous: previous);

        Assert.Equal(QualityFixtures.Label, report.Schema!.Label);
    }
}
