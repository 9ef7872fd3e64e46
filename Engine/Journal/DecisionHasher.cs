using System.Security.Cryptography;
using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// The run's <c>decisionsHash</c>: SHA-256 over the concatenated canonical encodings (<see cref="DecisionCodec"/>)
/// of every decision in journal order. Incremental and allocation-free per decision, so the journal stage feeds it
/// as it goes; two runs with byte-identical decision streams have the same hash, any difference changes it.
/// Not thread-safe: one owner (the journal stage thread) feeds it.
/// </summary>
public sealed class DecisionHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Decisions hashed so far.</summary>
    public long Count { get; private set; }

    public void Append(in Decision decision)
    {
        Span<byte> buffer = stackalloc byte[DecisionCodec.MaxEncodedSize];
        var length = DecisionCodec.Encode(decision, buffer);
        _hash.AppendData(buffer[..length]);
        Count++;
    }

    /// <summary>Feeds a decision already encoded with <see cref="DecisionCodec.Encode"/> (avoids encoding twice).</summary>
    public void AppendEncoded(ReadOnlySpan<byte> encodedDecision)
    {
        _hash.AppendData(encodedDecision);
        Count++;
    }

    /// <summary>The hash of everything appended so far, as 64 lowercase hex characters; appending may continue.</summary>
    public string ToHex()
    {
        Span<byte> digest = stackalloc byte[32];
        _hash.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _hash.Dispose();
}
