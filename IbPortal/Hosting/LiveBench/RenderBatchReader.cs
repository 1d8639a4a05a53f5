using System.Buffers.Binary;
using System.Text;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// Reads what the harness needs from a Blazor Server render batch (the bytes of `JS.RenderBatch`, written by
/// RenderBatchWriter): the attribute frames among the reference frames, with their names and string values.
/// Layout: sections, then a string table (strings as length-prefixed UTF-8, then an int32 offset per string), then five
/// int32 offsets at the end (updated components, reference frames, disposed component ids, disposed event handler ids,
/// string table). Every reference frame has the same size and starts with its int32 frame type; an attribute frame
/// (type 3) continues with the int32 string-table indexes of its name and value (-1 for none).
/// </summary>
public static class RenderBatchReader
{
    public const int AttributeFrameType = 3;

    /// <summary>The values of every attribute named <paramref name="attributeName"/> in the batch's reference frames.</summary>
    public static List<string> AttributeValues(ReadOnlySpan<byte> batch, string attributeName) =>
        Attributes(batch, [attributeName]).Select(a => a.Value).ToList();

    /// <summary>Every attribute (name, value) among the batch's reference frames whose name is one of <paramref name="names"/>, in frame order.</summary>
    public static List<(string Name, string Value)> Attributes(ReadOnlySpan<byte> batch, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var found = new List<(string, string)>();
        if (batch.Length < 20)
            throw new FormatException($"A render batch has at least 20 bytes; this one has {batch.Length}.");
        var trailer = batch.Length - 20;
        var referenceFrames = ReadInt(batch, trailer + 4);
        var disposedComponents = ReadInt(batch, trailer + 8);
        var stringTable = ReadInt(batch, trailer + 16);
        if (referenceFrames < 0 || disposedComponents > trailer || stringTable > trailer || referenceFrames + 4 > disposedComponents)
            throw new FormatException("The render batch's section offsets are out of range.");

        var frameCount = ReadInt(batch, referenceFrames);
        if (frameCount == 0)
            return found;
        var frameSize = (disposedComponents - referenceFrames - 4) / frameCount;
        if (frameSize < 12 || frameSize * frameCount != disposedComponents - referenceFrames - 4)
            throw new FormatException($"The render batch's {frameCount} reference frames do not divide their section evenly.");

        var stringCount = (trailer - stringTable) / 4;
        var nameBytes = names.Select(n => Encoding.UTF8.GetBytes(n)).ToArray();
        for (var i = 0; i < frameCount; i++)
        {
            var frame = referenceFrames + 4 + i * frameSize;
            if (ReadInt(batch, frame) != AttributeFrameType)
                continue;
            var nameIndex = ReadInt(batch, frame + 4);
            if (nameIndex < 0 || nameIndex >= stringCount)
                continue;
            var name = StringAt(batch, stringTable, nameIndex);
            var which = -1;
            for (var n = 0; n < nameBytes.Length && which < 0; n++)
            {
                if (name.SequenceEqual(nameBytes[n]))
                    which = n;
            }
            if (which < 0)
                continue;
            var valueIndex = ReadInt(batch, frame + 8);
            if (valueIndex >= 0 && valueIndex < stringCount)
                found.Add((names[which], Encoding.UTF8.GetString(StringAt(batch, stringTable, valueIndex))));
        }
        return found;
    }

    /// <summary>The UTF-8 bytes of string <paramref name="index"/> (BinaryWriter's 7-bit length prefix).</summary>
    private static ReadOnlySpan<byte> StringAt(ReadOnlySpan<byte> batch, int stringTable, int index)
    {
        var position = ReadInt(batch, stringTable + index * 4);
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            if (shift > 28)
                throw new FormatException("A string length in the render batch is malformed.");
            b = batch[position++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return batch.Slice(position, length);
    }

    private static int ReadInt(ReadOnlySpan<byte> batch, int offset) => BinaryPrimitives.ReadInt32LittleEndian(batch[offset..]);
}
