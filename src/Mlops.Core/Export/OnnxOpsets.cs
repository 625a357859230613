namespace Mlops.Core.Export;

/// <summary>
/// The operator sets an ONNX model imports, read from its bytes: ModelProto's opset_import (field 8), each an
/// OperatorSetIdProto of a domain (field 1) and a version (field 2). ONNX Runtime's API exposes only the model's own
/// version, which is not the opset a runtime must support. Only the top level of the message is walked; every other
/// field is skipped by its wire type.
/// </summary>
internal static class OnnxOpsets
{
    private const int OpsetImportField = 8;

    /// <summary>Version by domain, the default domain written "ai.onnx"; empty when the bytes are not a model.</summary>
    public static IReadOnlyDictionary<string, long> Read(ReadOnlySpan<byte> model)
    {
        var opsets = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var position = 0;
        while (position < model.Length)
        {
            if (!TryVarint(model, ref position, out var key))
            {
                break;
            }

            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (wireType == 2)
            {
                if (!TryLengthDelimited(model, ref position, out var body))
                {
                    break;
                }

                if (field == OpsetImportField && ReadOpset(body) is { } opset)
                {
                    opsets[opset.Domain] = opset.Version;
                }
            }
            else if (!Skip(model, ref position, wireType))
            {
                break;
            }
        }

        return opsets;
    }

    private static (string Domain, long Version)? ReadOpset(ReadOnlySpan<byte> message)
    {
        var domain = string.Empty;
        long? version = null;
        var position = 0;
        while (position < message.Length && TryVarint(message, ref position, out var key))
        {
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (field == 1 && wireType == 2)
            {
                if (!TryLengthDelimited(message, ref position, out var name))
                {
                    return null;
                }

                domain = System.Text.Encoding.UTF8.GetString(name);
            }
            else if (field == 2 && wireType == 0 && TryVarint(message, ref position, out var value))
            {
                version = (long)value;
            }
            else if (!Skip(message, ref position, wireType))
            {
                return null;
            }
        }

        return version is { } v ? (domain.Length == 0 ? "ai.onnx" : domain, v) : null;
    }

    private static bool Skip(ReadOnlySpan<byte> data, ref int position, int wireType)
    {
        switch (wireType)
        {
            case 0:
                return TryVarint(data, ref position, out _);
            case 1:
                position += 8;
                return position <= data.Length;
            case 2:
                return TryLengthDelimited(data, ref position, out _);
            case 5:
                position += 4;
                return position <= data.Length;
            default:
                return false;
        }
    }

    /// <summary>A length-delimited field's bytes (a string, bytes or a nested message): its length, then that many bytes.</summary>
    private static bool TryLengthDelimited(ReadOnlySpan<byte> data, ref int position, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (!TryVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
        {
            return false;
        }

        body = data.Slice(position, (int)length);
        position += (int)length;
        return true;
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
