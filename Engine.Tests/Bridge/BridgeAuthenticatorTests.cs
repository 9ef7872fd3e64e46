using IctEngine.Bridge;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
public sealed class BridgeAuthenticatorTests
{
    [Test]
    public void ClientMac_SameSecret_Matches()
    {
        var server = BridgeAuthenticator.NewNonce();
        var client = BridgeAuthenticator.NewNonce();
        var mac = new BridgeAuthenticator("s3cret").ClientMac(server, client);

        Assert.That(BridgeAuthenticator.Matches(new BridgeAuthenticator("s3cret").ClientMac(server, client), mac), Is.True);
        Assert.That(mac, Has.Length.EqualTo(BridgeProtocol.MacLength));
    }

    [Test]
    public void ClientMac_WrongSecretOrReplayedNonce_DoesNotMatch()
    {
        var server = BridgeAuthenticator.NewNonce();
        var client = BridgeAuthenticator.NewNonce();
        var mac = new BridgeAuthenticator("wrong").ClientMac(server, client);
        var engine = new BridgeAuthenticator("s3cret");

        Assert.That(BridgeAuthenticator.Matches(engine.ClientMac(server, client), mac), Is.False);
        Assert.That(BridgeAuthenticator.Matches(engine.ClientMac(BridgeAuthenticator.NewNonce(), client), engine.ClientMac(server, client)), Is.False);
    }

    [Test]
    public void ServerProof_DiffersFromClientMac()
    {
        var a = BridgeAuthenticator.NewNonce();
        var b = BridgeAuthenticator.NewNonce();
        var auth = new BridgeAuthenticator("s3cret");

        Assert.That(auth.ServerProof(a, b), Is.Not.EqualTo(auth.ClientMac(a, b)));
    }
}
