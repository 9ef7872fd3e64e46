namespace IctEngine.Bridge;

/// <summary>
/// Both halves of the session handshake (docs/MT5-BRIDGE.md, "Handshake"): Hello → Challenge → Auth → Welcome.
/// Off the hot path; allocation is fine here.
/// </summary>
public static class BridgeHandshake
{
    /// <summary>Runs the engine's half; returns null on success (with the client's name) or the reason for refusing.</summary>
    public static string? Accept(BridgeConnection connection, BridgeAuthenticator authenticator, BridgeListenerOptions options, out string clientName)
    {
        clientName = "";
        var status = connection.ReadFrame(options.HandshakeTimeoutMs, out var type, out var payload, out var error);
        if (status != FrameReadStatus.Frame)
        {
            return status == FrameReadStatus.Malformed ? $"malformed first frame: {error}" : $"no Hello ({status})";
        }

        if (type != BridgeMessageType.Hello || !BridgeCodec.TryReadHello(payload, out var hello))
        {
            connection.SendError(BridgeErrorCode.MalformedFrame, "expected Hello");
            return $"first frame is not a valid Hello (type {(byte)type}, {payload.Length} bytes)";
        }

        clientName = hello!.ClientName;
        if (hello.Version < BridgeProtocol.MinVersion || hello.Version > BridgeProtocol.Version)
        {
            connection.SendError(BridgeErrorCode.UnsupportedVersion, $"engine speaks protocol {BridgeProtocol.MinVersion}..{BridgeProtocol.Version}, client {hello.Version}: install the EA of this release");
            return $"unsupported protocol version {hello.Version}";
        }

        var serverNonce = BridgeAuthenticator.NewNonce();
        Span<byte> frame = stackalloc byte[BridgeProtocol.HeaderSize + BridgeProtocol.WelcomePayload];
        connection.Send(frame[..BridgeCodec.WriteChallenge(frame, new ChallengeMessage { Version = hello.Version, ServerNonce = serverNonce })]);
        status = connection.ReadFrame(options.HandshakeTimeoutMs, out type, out payload, out error);
        if (status != FrameReadStatus.Frame || type != BridgeMessageType.Auth || !BridgeCodec.TryReadAuth(payload, out var mac))
        {
            return status == FrameReadStatus.Frame ? $"expected Auth, got type {(byte)type}" : $"no Auth ({status}{(error is null ? "" : ": " + error)})";
        }

        if (!BridgeAuthenticator.Matches(authenticator.ClientMac(serverNonce, hello.ClientNonce), mac))
        {
            connection.SendError(BridgeErrorCode.AuthFailed, "authentication failed");
            return "wrong secret (HMAC mismatch)";
        }

        var welcome = new WelcomeMessage
        {
            HeartbeatMs = (uint)options.HeartbeatMs,
            TimeoutMs = (uint)options.TimeoutMs,
            ServerProof = authenticator.ServerProof(hello.ClientNonce, serverNonce),
        };
        connection.Send(frame[..BridgeCodec.WriteWelcome(frame, welcome)]);
        return null;
    }

    /// <summary>Runs the terminal's half (the simulator; the EA does the same in MQL5). Returns null or the failure.</summary>
    public static string? Connect(BridgeConnection connection, BridgeAuthenticator authenticator, string clientName, int timeoutMs, out WelcomeMessage? welcome)
    {
        welcome = null;
        var clientNonce = BridgeAuthenticator.NewNonce();
        Span<byte> frame = stackalloc byte[BridgeProtocol.HeaderSize + BridgeProtocol.WelcomePayload + BridgeProtocol.HelloPayload];
        connection.Send(frame[..BridgeCodec.WriteHello(frame, new HelloMessage { Version = BridgeProtocol.Version, ClientNonce = clientNonce, ClientName = clientName })]);
        if (connection.ReadFrame(timeoutMs, out var type, out var payload, out _) != FrameReadStatus.Frame)
        {
            return "no Challenge";
        }

        if (type == BridgeMessageType.Error && BridgeCodec.TryReadError(payload, out var refusal))
        {
            return $"refused: {refusal!.Code} {refusal.Text}";
        }

        if (type != BridgeMessageType.Challenge || !BridgeCodec.TryReadChallenge(payload, out var challenge))
        {
            return "expected Challenge";
        }

        connection.Send(frame[..BridgeCodec.WriteAuth(frame, authenticator.ClientMac(challenge!.ServerNonce, clientNonce))]);
        if (connection.ReadFrame(timeoutMs, out type, out payload, out _) != FrameReadStatus.Frame)
        {
            return "no Welcome (connection closed: wrong secret?)";
        }

        if (type == BridgeMessageType.Error && BridgeCodec.TryReadError(payload, out var error))
        {
            return $"refused: {error!.Code} {error.Text}";
        }

        if (type != BridgeMessageType.Welcome || !BridgeCodec.TryReadWelcome(payload, out welcome))
        {
            return "expected Welcome";
        }

        return BridgeAuthenticator.Matches(authenticator.ServerProof(clientNonce, challenge.ServerNonce), welcome!.ServerProof)
            ? null
            : "the engine's proof is wrong (it does not know the secret)";
    }
}
