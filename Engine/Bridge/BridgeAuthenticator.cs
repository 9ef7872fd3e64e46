using System.Security.Cryptography;
using System.Text;

namespace IctEngine.Bridge;

/// <summary>
/// The shared-secret challenge-response of the handshake: the EA proves it knows the secret with
/// <c>HMAC-SHA256(secret, "ICTB-C" | serverNonce | clientNonce)</c> and the engine answers with
/// <c>HMAC-SHA256(secret, "ICTB-S" | clientNonce | serverNonce)</c>. The secret itself never travels.
/// </summary>
public sealed class BridgeAuthenticator
{
    private static readonly byte[] ClientLabel = Encoding.ASCII.GetBytes("ICTB-C");
    private static readonly byte[] ServerLabel = Encoding.ASCII.GetBytes("ICTB-S");

    private readonly byte[] _secret;

    public BridgeAuthenticator(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("The bridge secret must not be empty.", nameof(secret));
        }

        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(BridgeProtocol.NonceLength);

    public byte[] ClientMac(ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> clientNonce) =>
        Mac(ClientLabel, serverNonce, clientNonce);

    public byte[] ServerProof(ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce) =>
        Mac(ServerLabel, clientNonce, serverNonce);

    /// <summary>Constant-time comparison, so timing does not reveal how much of a MAC was right.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        expected.Length == actual.Length && CryptographicOperations.FixedTimeEquals(expected, actual);

    private byte[] Mac(byte[] label, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var data = new byte[label.Length + first.Length + second.Length];
        label.CopyTo(data, 0);
        first.CopyTo(data.AsSpan(label.Length));
        second.CopyTo(data.AsSpan(label.Length + first.Length));
        return HMACSHA256.HashData(_secret, data);
    }
}
