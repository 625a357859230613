using System.Globalization;
using System.Text;
using Mlops.Core.Profiling;

namespace Mlops.Benchmarks;

/// <summary>
/// Writes a deterministic CSV of mixed types, about 104 bytes a row: integers, skewed and normal decimals with some
/// missing, two categorical columns, a boolean, a date, a date-time, quoted free text with commas, and a binary label
/// that depends on some features. The same seed always gives the same bytes.
/// </summary>
public static class MixedCsvGenerator
{
    public const string Header = "id,age,income,score,city,segment,active,signup_date,last_seen,comment,label";

    private static readonly string[] Cities =
    [
        "Amsterdam", "Berlin", "Paris", "Madrid", "Rome", "Vienna", "Prague", "Lisbon", "Dublin", "Oslo",
        "Helsinki", "Warsaw", "Athens", "Brussels", "Zurich", "Munich", "Lyon", "Porto", "Milan", "Seville",
        "Krakow", "Gdansk", "Bergen", "Tallinn", "Riga", "Vilnius", "Sofia", "Bucharest", "Budapest", "Ljubljana",
        "Zagreb", "Split", "Valencia", "Malaga", "Nice", "Turin", "Naples", "Hamburg", "Cologne", "Antwerp",
    ];

    private static readonly string[] Segments = ["consumer", "small-business", "enterprise", "public"];

    private static readonly string[] Channels = ["web", "store", "phone", "partner", "app"];

    private static readonly string[] Words =
    [
        "great", "slow", "fast", "delivery", "service", "price", "quality", "support", "app", "login",
        "refund", "late", "friendly", "broken", "works", "again", "never", "always", "cheap", "expensive",
        "helpful", "rude", "easy", "hard", "order", "account", "billing", "update", "crash", "smooth",
    ];

    private static readonly DateTime Epoch = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static void Write(TextWriter writer, long rows, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var random = new Generator(seed);
        var line = new StringBuilder(160);
        writer.Write(Header);
        writer.Write('\n');
        for (long id = 1; id <= rows; id++)
        {
            line.Clear();
            var age = 18 + random.Next(73);
            var score = random.Normal();
            var income = Math.Exp(10.5 + (0.6 * random.Normal()));
            var city = Cities[Math.Min(Cities.Length - 1, (int)(Cities.Length * Math.Pow(random.Unit(), 2)))];
            var active = random.Unit() < 0.7;
            var signup = Epoch.AddDays(random.Next(3650));
            var lastSeen = signup.AddSeconds(random.Next(86_400 * 365));
            var odds = -2.0 + (0.9 * score) + (0.02 * (age - 50)) + (active ? 0.3 : -0.3);
            var label = random.Unit() < 1 / (1 + Math.Exp(-odds)) ? 1 : 0;

            line.Append(id).Append(',');
            AppendOrMissing(line, random, 0.01, age.ToString(CultureInfo.InvariantCulture));
            AppendOrMissing(line, random, 0.03, income.ToString("0.00", CultureInfo.InvariantCulture));
            line.Append(score.ToString("0.0000", CultureInfo.InvariantCulture)).Append(',');
            line.Append(city).Append(',');
            AppendOrMissing(line, random, 0.01, Segments[random.Next(Segments.Length)]);
            line.Append(active ? "true" : "false").Append(',');
            line.Append(signup.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
            line.Append(lastSeen.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).Append(',');
            AppendComment(line, random);
            line.Append(label).Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>
    /// A narrower file, the shape of a plain tabular export (about 56 bytes a row): six numbers, one of them with
    /// missing values, a category of five values and a binary label that depends on four of them.
    /// </summary>
    public static void WriteNumeric(TextWriter writer, long rows, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var random = new Generator(seed);
        var line = new StringBuilder(80);
        writer.Write("f0,f1,f2,f3,f4,f5,channel,label\n");
        for (long i = 0; i < rows; i++)
        {
            line.Clear();
            var f = new double[6];
            for (var j = 0; j < f.Length; j++)
            {
                f[j] = random.Normal();
            }

            var channel = random.Next(Channels.Length);
            var odds = (1.2 * f[0]) - (0.8 * f[1]) + (0.5 * f[2] * f[3]) + (channel == 2 ? 0.7 : -0.2);
            for (var j = 0; j < f.Length; j++)
            {
                AppendOrMissing(line, random, j == 4 ? 0.05 : 0, f[j].ToString("0.0000", CultureInfo.InvariantCulture));
            }

            line.Append(Channels[channel]).Append(',').Append(random.Unit() < 1 / (1 + Math.Exp(-odds)) ? 1 : 0).Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>The CSV of <paramref name="rows"/> rows as UTF-8 bytes, for in-memory benchmarks.</summary>
    public static byte[] Bytes(long rows, ulong seed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            Write(writer, rows, seed);
        }

        return buffer.ToArray();
    }

    private static void AppendOrMissing(StringBuilder line, Generator random, double missing, string value) =>
        line.Append(random.Unit() < missing ? "" : value).Append(',');

    private static void AppendComment(StringBuilder line, Generator random)
    {
        var words = 2 + random.Next(3);
        var quoted = random.Unit() < 0.3;
        if (quoted)
        {
            line.Append('"');
        }

        for (var w = 0; w < words; w++)
        {
            if (w > 0)
            {
                line.Append(quoted && w == 1 ? ", " : " ");
            }

            line.Append(Words[random.Next(Words.Length)]);
        }

        line.Append(quoted ? "\"," : ",");
    }

    /// <summary>The profiler's SplitMix64: fixed across .NET versions, unlike <see cref="Random"/>'s seeded sequence.</summary>
    private sealed class Generator(ulong seed)
    {
        private SplitMix64 bits = new(seed);

        public int Next(int max) => bits.Next(max);

        public double Unit() => (bits.Next() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Standard normal by Box-Muller.</summary>
        public double Normal() => Math.Sqrt(-2 * Math.Log(1 - Unit())) * Math.Cos(2 * Math.PI * Unit());
    }
}
