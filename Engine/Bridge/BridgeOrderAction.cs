namespace IctEngine.Bridge;

/// <summary>What an <see cref="OrderCommandMessage"/> asks the terminal to do. Wire values.</summary>
public enum BridgeOrderAction : byte
{
    None = 0,
    Market = 1,
    Pending = 2,
    Close = 3,
    Modify = 4,
    Cancel = 5,
}
