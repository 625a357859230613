using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Workflows.Contracts;

public sealed record QuarantineInput(DatasetRef Dataset, ValidationReport Report);
