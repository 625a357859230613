namespace Mlops.Core.Training;

/// <summary>
/// How the categorical features of a set of rows are encoded: columns with few distinct values one-hot (their tokens,
/// sorted, are the keys), the others hashed into 2^<see cref="HashBits"/> buckets.
/// </summary>
internal sealed record CategoryVocabulary(IReadOnlyList<string> OneHot, int HashBits)
{
    private const int MinHashBits = 8;
    private const int MaxHashBits = 18;

    public static CategoryVocabulary Of(IReadOnlyList<FeatureRow> rows, int oneHotMaxCardinality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oneHotMaxCardinality, 1);
        var perColumn = new Dictionary<int, HashSet<string>>();
        foreach (var row in rows)
        {
            foreach (var token in row.Categorical)
            {
                var feature = FeatureLayout.FeatureOfToken(token);
                if (!perColumn.TryGetValue(feature, out var values))
                {
                    perColumn[feature] = values = new HashSet<string>(StringComparer.Ordinal);
                }

                values.Add(token);
            }
        }

        var oneHot = perColumn.Values.Where(v => v.Count <= oneHotMaxCardinality).SelectMany(v => v).Order(StringComparer.Ordinal).ToList();
        var hashed = perColumn.Values.Where(v => v.Count > oneHotMaxCardinality).Sum(v => v.Count);

        // About four buckets per distinct hashed value keeps collisions rare without an unbounded feature count.
        var bits = hashed == 0 ? 0 : Math.Clamp((int)Math.Ceiling(Math.Log2(hashed * 4.0)), MinHashBits, MaxHashBits);
        return new CategoryVocabulary(oneHot, bits);
    }
}
