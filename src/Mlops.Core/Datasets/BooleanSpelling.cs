using Mlops.Core.Profiling;

namespace Mlops.Core.Datasets;

/// <summary>
/// How the training file wrote a yes/no column ("TRUE"/"FALSE", "Yes"/"No", "y"/"n"...). The model learned those two
/// strings as categories, so a request that says the same thing another way (JSON true, "true", "yes") is read as the
/// file's spelling of that answer instead of as a category the model never saw.
/// </summary>
/// <param name="False">The file's spelling of no.</param>
/// <param name="True">The file's spelling of yes.</param>
public sealed record BooleanSpelling(string False, string True)
{
    /// <summary>The spelling of a column whose present values are exactly one yes and one no; null for anything else.</summary>
    public static BooleanSpelling? Of(IReadOnlyCollection<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != 2)
        {
            return null;
        }

        string? no = null;
        string? yes = null;
        foreach (var value in values)
        {
            switch (BooleanValues.Read(value))
            {
                case true when yes is null:
                    yes = value;
                    break;
                case false when no is null:
                    no = value;
                    break;
                default:
                    return null;
            }
        }

        return new BooleanSpelling(no!, yes!);
    }

    /// <summary>A yes or no in any spelling as the file wrote it; any other value as it is (an unseen category).</summary>
    public string Spell(string value) => BooleanValues.Read(value) switch
    {
        true => True,
        false => False,
        null => value,
    };
}
