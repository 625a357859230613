using Mlops.Core.Errors;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class DatasetNamesTests
{
    [Theory]
    [InlineData("a.csv", "iris/a.csv")]
    [InlineData("iris/a.csv", "iris/a.csv")]
    public void InModelFolder_WithAFileOfTheModel_ReturnsItsBlobName(string name, string expected) =>
        Assert.Equal(expected, DatasetNames.InModelFolder("iris", name));

    [Theory]
    [InlineData("../wine/a.csv")]
    [InlineData("iris/../wine/a.csv")]
    [InlineData("wine/a.csv")]
    [InlineData("a\\b.csv")]
    [InlineData("a.txt")]
    [InlineData("")]
    public void InModelFolder_WithANameThatLeavesTheFolderOrIsNotCsv_IsRejected(string name)
    {
        var error = Assert.Throws<MlopsException>(() => DatasetNames.InModelFolder("iris", name));
        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }
}
