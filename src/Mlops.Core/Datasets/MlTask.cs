namespace Mlops.Core.Datasets;

public enum MlTask
{
    BinaryClassification,
    MulticlassClassification,
    Regression,
}
