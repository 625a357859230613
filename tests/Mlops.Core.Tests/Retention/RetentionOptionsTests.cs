using System.ComponentModel.DataAnnotations;
using Mlops.Core.Retention;

namespace Mlops.Core.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void Defaults_AreValid_DailyAndTenVersions()
    {
        var options = new RetentionOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(10, options.KeepVersions);
        Assert.Equal("0 30 3 * * *", options.Schedule);
    }

    [Theory]
    [InlineData("30 3 * * *")]
    [InlineData("every night")]
    [InlineData("0 61 3 * * *")]
    public void Schedule_NotASixFieldNcrontab_IsRefusedNamingTheSetting(string schedule)
    {
        var results = Validate(new RetentionOptions { Schedule = schedule });

        Assert.Contains(results, r => r.ErrorMessage!.Contains("Retention:Schedule", StringComparison.Ordinal));
    }

    [Fact]
    public void KeepVersions_Zero_IsRefused()
    {
        Assert.Contains(Validate(new RetentionOptions { KeepVersions = 0 }), r => r.MemberNames.Contains(nameof(RetentionOptions.KeepVersions)));
    }

    private static List<ValidationResult> Validate(RetentionOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
