using Mlops.Cli.Api;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Tests.Rendering;

public class ProblemRendererTests
{
    [Fact]
    public void Describe_ProblemWithCodeAndDetail_IsTitleStatusCodeThenDetail()
    {
        var text = ProblemRenderer.Describe(new ApiProblem(404, "Not found", "Model 'wine' has no version 7.", "RESOURCE_DOES_NOT_EXIST"));

        Assert.Equal("Not found (404 RESOURCE_DOES_NOT_EXIST): Model 'wine' has no version 7.", text);
    }

    [Fact]
    public void Describe_ProblemWithoutDetailOrCode_IsTitleAndStatus()
    {
        Assert.Equal("Forbidden (403)", ProblemRenderer.Describe(new ApiProblem(403, "Forbidden", null, null)));
    }
}
