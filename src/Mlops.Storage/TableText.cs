using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Mlops.Storage;

/// <summary>
/// Long strings in table entities. A string property holds at most 64 KiB (32K UTF-16 characters), so a longer one is
/// written as "{name}_0", "{name}_1", ... with "{name}_Parts" giving their count.
/// </summary>
internal static class TableText
{
    public const int MaxChars = 30_000;

    public static void Write(TableEntity entity, string name, string value)
    {
        if (value.Length <= MaxChars)
        {
            entity[name] = value;
            return;
        }

        var part = 0;
        for (var start = 0; start < value.Length; part++)
        {
            var length = Math.Min(MaxChars, value.Length - start);
            if (start + length < value.Length && char.IsHighSurrogate(value[start + length - 1]))
            {
                length--;
            }

            entity[PartName(name, part)] = value.Substring(start, length);
            start += length;
        }

        entity[name + "_Parts"] = part;
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is { } whole)
        {
            return whole;
        }

        if (entity.GetInt32(name + "_Parts") is not { } parts)
        {
            return null;
        }

        var text = new StringBuilder(parts * MaxChars);
        for (var part = 0; part < parts; part++)
        {
            text.Append(entity.GetString(PartName(name, part)));
        }

        return text.ToString();
    }

    private static string PartName(string name, int part) => name + "_" + part.ToString(CultureInfo.InvariantCulture);
}
