using System.Net;

namespace Mlops.Cli.Tests.Rendering;

public class MonitoringRendererTests
{
    [Fact]
    public async Task Monitoring_ShowsEachWindowsDriftedFeaturesDecayAndTheActions()
    {
        var api = new FakeApi().On("GET /api/models/iris/monitoring", HttpStatusCode.OK, """
            {"model":"iris","version":2,"windows":[{"id":"w2","model":"iris","version":2,"from":"2026-01-02T00:00:00Z","to":"2026-01-03T00:00:00Z","rows":900,"status":"judged",
              "drift":{"detected":true,"features":[{"name":"petal_length_cm","rows":900,"status":"judged","statistics":[],"drifted":true,"consecutive":2,"declared":true},{"name":"sepal_width_cm","rows":900,"status":"judged","statistics":[],"drifted":false,"consecutive":0,"declared":false}],"prediction":null},
              "decay":{"metric":"accuracy","value":0.81,"lower":0.78,"upper":0.84,"labelled":400,"baseline":0.95,"detected":true},"actions":[]}],
             "actions":[{"at":"2026-01-03T00:00:01Z","kind":"retrain","runId":"iris-0123456789abcdef","reason":"Drift in petal_length_cm."}]}
            """);

        var run = await CliRun.InvokeAsync(api, "monitoring", "iris");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("iris, champion version 2", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"w2\s+.\s+2026-01-02 00:00:00Z\s+.\s+2026-01-03 00:00:00Z\s+.\s+900\s+.\s+judged\s+.\s+petal_length_cm\s+.\s+accuracy 0\.81 \[0\.78, 0\.84\] decayed", run.Out);
        Assert.DoesNotContain("sepal_width_cm", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"retrain\s+.\s+iris-0123456789abcdef\s+.\s+Drift in petal_length_cm\.", run.Out);
    }
}
