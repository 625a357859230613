using Mlops.Core.Training.Search;

namespace Mlops.Workflows.Contracts;

public sealed record RecordSearchInput(string Model, SearchRecord Record);
