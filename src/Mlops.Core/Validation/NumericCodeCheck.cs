using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// A numeric feature whose values are written with zeros in front ("02134", "00731"): numbers do not keep them, codes do
/// (postal codes, account, product and area codes). Read as numbers, the zeros are dropped and the codes are ordered as
/// amounts, so 02134 sits between 02133 and 02135 for the model, which means nothing for a code. A warning, since the
/// column may truly be a number someone padded; the spec decides.
/// </summary>
internal static class NumericCodeCheck
{
    public static void Check(ValidationContext context, DatasetProfile profile, IReadOnlyList<ColumnSchema> features)
    {
        foreach (var feature in features.Where(f => f.Kind == ColumnKind.Numeric))
        {
            if (profile.Find(feature.Name)?.LeadingZeroExample is not { } example)
            {
                continue;
            }

            context.Warning(ValidationRules.NumericCode, feature.Name,
                $"Column '{feature.Name}' is read as numbers, but values such as '{example}' are written with zeros in front, as codes are (postal, account or product codes): as a number the zeros are dropped and the codes are ordered as amounts. If they are codes, list the column under \"categorical\" in the model's spec (PUT /api/models/{{model}}/spec) and train the file again (POST /api/datasets/{{model}}?retrain=true).");
        }
    }
}
