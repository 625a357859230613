using System.Text;
using Mlops.Core.Experiments;

namespace Mlops.Core.Tests.Experiments;

public class ShadowMessagesTests
{
    [Fact]
    public void ARequest_RoundTrips_WithFeaturesAsLogged()
    {
        var request = new ShadowRequest("churn", "exp1", 4, [
            new ShadowRow("a", """{"x":1.25,"city":"Zürich","note":"say \"hi\""}""", "user \"7\""),
            new ShadowRow("b", """{"x":null}""", null),
        ]);

        var (messages, dropped) = ShadowMessages.Write(request);

        Assert.Equal(0, dropped);
        var read = ShadowMessages.Read(Assert.Single(messages));
        Assert.Equal((request.Model, request.ExperimentId, request.ChallengerVersion), (read.Model, read.ExperimentId, read.ChallengerVersion));
        Assert.Equal(request.Rows, read.Rows);
    }

    [Fact]
    public void ALargeBatch_IsSplitIntoMessagesThatFitAQueueMessage_InOrder()
    {
        var rows = Enumerable.Range(0, 400).Select(i => new ShadowRow($"p{i}", $$"""{"text":"{{new string('x', 300)}}","i":{{i}}}""", $"e{i}")).ToArray();

        var (messages, dropped) = ShadowMessages.Write(new ShadowRequest("m", "exp1", 2, rows));

        Assert.Equal(0, dropped);
        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(Encoding.UTF8.GetByteCount(m) <= ShadowMessages.MaxBytes, $"{Encoding.UTF8.GetByteCount(m)} bytes"));
        Assert.Equal(rows, messages.SelectMany(m => ShadowMessages.Read(m).Rows));
    }

    [Fact]
    public void ARowTooLargeForAnyMessage_IsLeftOutAndCounted()
    {
        var rows = new[]
        {
            new ShadowRow("small", """{"x":1}""", null),
            new ShadowRow("huge", $$"""{"text":"{{new string('y', ShadowMessages.MaxBytes)}}"}""", null),
        };

        var (messages, dropped) = ShadowMessages.Write(new ShadowRequest("m", "exp1", 2, rows));

        Assert.Equal(1, dropped);
        Assert.Equal("small", Assert.Single(ShadowMessages.Read(Assert.Single(messages)).Rows).PredictionId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","experimentId":"e","challengerVersion":2,"rows":[{"predictionId":"p","features":"x"}]}""")]
    public void AMessageThatIsNotAShadowRequest_IsAFormatException(string message) =>
        Assert.Throws<FormatException>(() => ShadowMessages.Read(message));
}
