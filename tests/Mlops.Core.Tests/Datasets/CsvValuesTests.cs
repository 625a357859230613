using System.Globalization;
using Mlops.Core.Datasets;

namespace Mlops.Core.Tests.Datasets;

/// <summary>The profiler's fast number path must read every cell exactly as double.Parse does (training reads them so).</summary>
public class CsvValuesTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+12")]
    [InlineData("3.14159")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("0.1")]
    [InlineData("123456789012345.6")]
    [InlineData("9007199254740993")]
    [InlineData("0.30000000000000004")]
    [InlineData("1e3")]
    [InlineData(" 7 ")]
    [InlineData("1.0000000000000000000000001")]
    public void TryParseNumber_AgreesWithDoubleParse(string text)
    {
        Assert.True(CsvValues.TryParseNumber(text.AsSpan(), out var number));
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(number));
    }

    [Fact]
    public void TryParseNumber_AgreesWithDoubleParseOnRandomDecimals()
    {
        var random = new Random(3);
        for (var i = 0; i < 100_000; i++)
        {
            var digits = random.Next(1, 18);
            var text = (random.Next(2) == 0 ? "-" : "") + string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(text.Length + 1);
            text = point == text.Length || text[..point] is "" or "-" ? text : text.Insert(point, ".");

            var parsed = CsvValues.TryParseNumber(text.AsSpan(), out var number);

            Assert.True(parsed, text);
            Assert.Equal(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), number);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("Infinity")]
    [InlineData("1e40")]
    [InlineData("abc")]
    public void TryParseNumber_Rejects(string text)
    {
        Assert.False(CsvValues.TryParseNumber(text.AsSpan(), out _));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData(" na ", true)]
    [InlineData("N/A", true)]
    [InlineData("null", true)]
    [InlineData("NaN", true)]
    [InlineData("?", true)]
    [InlineData("#N/A", true)]
    [InlineData("#n/a", true)]
    [InlineData("#N/A N/A", true)]
    [InlineData("#NA", true)]
    [InlineData("<NA>", true)]
    [InlineData("#DIV/0!", true)]
    [InlineData("#VALUE!", true)]
    [InlineData("#REF!", true)]
    [InlineData("#NUM!", true)]
    [InlineData("#NAME?", true)]
    [InlineData("#NULL!", true)]
    [InlineData("-", true)]
    [InlineData(" -- ", true)]
    [InlineData("\u2014", true)]
    [InlineData("-1", false)]
    [InlineData("---", false)]
    [InlineData("None", false)]
    [InlineData("#1", false)]
    [InlineData("No", false)]
    [InlineData("nan0", false)]
    [InlineData("0", false)]
    public void IsMissing_SpanAndStringAgree(string text, bool missing)
    {
        Assert.Equal(missing, MissingValues.IsMissing(text));
        Assert.Equal(missing, MissingValues.IsMissing(text.AsSpan()));
    }

    [Theory]
    [InlineData("2023-01-05")]
    [InlineData("2023-05-05T01:47:45")]
    [InlineData("late slow support")]
    [InlineData("1,5")]
    [InlineData("12:30")]
    [InlineData("1-2")]
    [InlineData("0x1F")]
    public void MayBeNumber_RefusesTextAndDates(string text) => Assert.False(CsvValues.MayBeNumber(text));

    [Theory]
    [InlineData(" -1.5e-3 ")]
    [InlineData("+.5E+2")]
    [InlineData("7\0")]
    [InlineData("\t3\r")]
    [InlineData("1e")]
    public void MayBeNumber_LetsThroughWhatMightParse(string text) => Assert.True(CsvValues.MayBeNumber(text));

    /// <summary>The pre-check may only skip the parser where the parser would refuse anyway: fuzzed over its alphabet.</summary>
    [Fact]
    public void MayBeNumber_NeverRefusesAFiniteNumber()
    {
        const string alphabet = "0123456789.eE+- \t\0xaIn,";
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && float.IsFinite((float)number))
            {
                Assert.True(CsvValues.MayBeNumber(text), text);
            }
        }
    }
}
