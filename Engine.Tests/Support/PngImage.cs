using System.Buffers.Binary;
using SkiaSharp;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>Checks that a file really is a PNG: the signature, the IHDR size, and that Skia decodes it.</summary>
internal static class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The decoded size; throws <see cref="AssertionException"/> when the file is not a decodable PNG.</summary>
    public static (int Width, int Height) Decode(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Length, Is.GreaterThan(33), $"{path} is too short for a PNG");
        Assert.That(bytes[..8], Is.EqualTo(Signature), $"{path} has no PNG signature");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"), $"{path} does not start with IHDR");
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.That(bitmap, Is.Not.Null, $"{path} does not decode");
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((width, height)), $"{path}: decoded size differs from IHDR");
        return (width, height);
    }
}
