using System.ComponentModel.DataAnnotations;
using Mlops.Core.Webhooks;

namespace Mlops.Core.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void BackoffAfter_DoublesPerFailure_UpToTheCap()
    {
        var options = new WebhookOptions { BackoffMilliseconds = 1000, MaxBackoffMilliseconds = 5000 };

        Assert.Equal(
            [1000, 2000, 4000, 5000, 5000],
            new[] { 1, 2, 3, 4, 40 }.Select(f => options.BackoffAfter(f).TotalMilliseconds));
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(Validate(new WebhookOptions()));
    }

    [Fact]
    public void ALeaseShorterThanOneEventsLongestDelivery_IsRefused()
    {
        var options = new WebhookOptions { LeaseSeconds = 30, TimeoutMilliseconds = 10_000, MaxRetries = 2 };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(WebhookOptions.LeaseSeconds)));
    }

    private static List<ValidationResult> Validate(WebhookOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
