namespace IctEngine.Core;

/// <summary>What an <see cref="OrderRequest"/> asks execution to do.</summary>
public enum OrderRequestKind : byte
{
    None = 0,

    /// <summary>Open a position (market, limit or stop entry with its stop-loss and take-profit).</summary>
    Open = 1,

    /// <summary>Close <see cref="OrderRequest.Volume"/> of position <see cref="OrderRequest.PositionId"/> (0 = all of it).</summary>
    Close = 2,

    /// <summary>Cancel working order <see cref="OrderRequest.ClientOrderId"/>.</summary>
    Cancel = 3,

    /// <summary>Move the stop-loss/take-profit of position <see cref="OrderRequest.PositionId"/>.</summary>
    Modify = 4,

    /// <summary>Close every open position and cancel every working order (a breach or an operator flatten).</summary>
    Flatten = 5,
}
