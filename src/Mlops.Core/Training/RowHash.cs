using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core.Training;

/// <summary>
/// A seeded hash of a row's content: the order in which splits, folds and subsamples take rows. Content, not position,
/// so identical rows rank alike and a row keeps its rank when others are appended.
/// </summary>
internal sealed class RowHash : IDisposable
{
    private static readonly byte[] Separator = [0x1F];
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ulong Of(string[] cells, int seed)
    {
        Span<byte> buffer = stackalloc byte[SHA256.HashSizeInBytes];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, seed);
        sha.AppendData(buffer[..sizeof(int)]);
        foreach (var cell in cells)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(cell));
            sha.AppendData(Separator);
        }

        sha.GetHashAndReset(buffer);
        return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
    }

    public void Dispose() => sha.Dispose();
}
