using System.Runtime.CompilerServices;
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
    // Encodings are gathered and hashed a few kilobytes at a time: SHA-256 over the concatenation does not depend
    // on how it is cut, and one native call per buffer instead of per decision is most of the hashing cost.
    private const int PendingCapacity = 16 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _pending = new byte[PendingCapacity];
    private int _pendingLength;

    /// <summary>Decisions hashed so far.</summary>
    public long Count { get; private set; }

    public void Append(in Decision decision)
    {
        if (PendingCapacity - _pendingLength < DecisionCodec.MaxEncodedSize)
        {
            HashPending();
        }

        _pendingLength += DecisionCodec.Encode(decision, _pending.AsSpan(_pendingLength));
        Count++;
    }

    /// <summary>Feeds a decision already encoded with <see cref="DecisionCodec.Encode"/> (avoids encoding twice).</summary>
    public void AppendEncoded(ReadOnlySpan<byte> encodedDecision)
    {
        if (PendingCapacity - _pendingLength < encodedDecision.Length)
        {
            HashPending();
            if (encodedDecision.Length > PendingCapacity)
            {
                _hash.AppendData(encodedDecision);
                Count++;
                return;
            }
        }

        encodedDecision.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += encodedDecision.Length;
        Count++;
    }

    /// <summary>The hash of everything appended so far, as 64 lowercase hex characters; appending may continue.</summary>
    public string ToHex()
    {
        HashPending();
        Span<byte> digest = stackalloc byte[32];
        _hash.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _hash.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HashPending()
    {
        _hash.AppendData(_pending, 0, _pendingLength);
        _pendingLength = 0;
    }
}
