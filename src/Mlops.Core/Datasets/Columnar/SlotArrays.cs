namespace Mlops.Core.Datasets.Columnar;

/// <summary>Arrays indexed by row slot while a dataset is built: grown as slots arrive, gathered in row order at the end.</summary>
internal static class SlotArrays
{
    public static void Put<T>(ref T[] items, int slot, T value)
    {
        if (slot >= items.Length)
        {
            Array.Resize(ref items, Math.Max(Math.Max(16, slot + 1), items.Length * 2));
        }

        items[slot] = value;
    }

    public static T[] Gather<T>(T[] items, ReadOnlySpan<int> slots)
    {
        var result = GC.AllocateUninitializedArray<T>(slots.Length);
        for (var i = 0; i < slots.Length; i++)
        {
            result[i] = items[slots[i]];
        }

        return result;
    }
}
