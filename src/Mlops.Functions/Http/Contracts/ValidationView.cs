using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/runs/{runId}/validation: the whole report, with each finding's mitigation and the column profiles.</summary>
public sealed record ValidationView(
    string RunId,
    bool Passed,
    int Rows,
    int Columns,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<Mitigation> Mitigations,
    DatasetSchema? Schema,
    DataContract? Contract);
