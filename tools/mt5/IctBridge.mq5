//+------------------------------------------------------------------+
//| IctBridge.mq5 — MetaTrader 5 side of the IctEngine bridge        |
//|                                                                  |
//| Connects OUT to the IctEngine process (the engine listens; MT5   |
//| only allows outgoing sockets to allow-listed addresses), then:   |
//|   * authenticates with a shared secret (HMAC-SHA256 challenge-   |
//|     response; the secret never travels),                         |
//|   * announces each configured symbol's specification and the     |
//|     account state, positions and pending orders,                 |
//|   * streams every tick (CopyTicks from a per-symbol cursor, so   |
//|     nothing between two OnTick/OnTimer calls is lost) starting   |
//|     where the ENGINE asks (StreamFrom) - this is the gap         |
//|     backfill after a reconnect,                                  |
//|   * executes the engine's order commands and reports results,    |
//|     positions and orders,                                        |
//|   * reports EVERY deal of its positions (stop-loss, take-profit, |
//|     stop-out, pending fills, manual closes) the moment MT5 adds  |
//|     it, always before the position/order state it changed        |
//|     (protocol 3, see "Deals" below),                             |
//|   * heartbeats, and reconnects with exponential backoff.         |
//|                                                                  |
//| Wire protocol: docs/MT5-BRIDGE.md (little-endian, length-prefixed|
//| binary frames). Only MQL5 native sockets; no DLL imports.        |
//| Install: docs/MT5-BRIDGE.md "Installing the EA".                 |
//+------------------------------------------------------------------+
#property copyright "IctEngine"
#property version   "2.00"
#property description "Streams ticks to IctEngine and executes its orders over a local TCP socket."

//--- inputs --------------------------------------------------------
input string InpHost            = "127.0.0.1";  // Engine address (must be in Tools > Options > Expert Advisors allow-list)
input uint   InpPort            = 5555;         // Engine bridge port (engine.json bridge.port)
input string InpSecret          = "";           // Shared secret (engine.json bridge.secret / secretFile)
input string InpSymbols         = "EURUSD";     // Comma-separated symbols to stream (as named by this broker)
input ulong  InpMagic           = 7310;         // Magic number of the engine's orders
input int    InpTimerMs         = 20;           // Timer period: tick pump, socket polling, heartbeats
input int    InpMaxTicksPerCopy = 5000;         // CopyTicks batch size
input int    InpMaxBackfillHours= 72;           // Never backfill further back than this
input int    InpReconnectMinMs  = 500;          // First reconnect delay (doubles up to the max)
input int    InpReconnectMaxMs  = 30000;        // Longest reconnect delay
input uint   InpConnectTimeoutMs= 3000;         // SocketConnect timeout
input int    InpServerUtcOffsetMin = -9999;     // Trade-server time minus UTC in minutes; -9999 = detect (TimeTradeServer - TimeGMT)

//--- protocol constants (docs/MT5-BRIDGE.md) -----------------------
#define PROTO_MAGIC      0x42544349   // "ICTB" as a little-endian u32
#define PROTO_VERSION    3   // 2: OrderCommand carries the pending order expiry; OrderResult status 6 = expired
                             // 3: Deal messages (every deal of our positions, before the state it changed);
                             //    money fields keep MT5's signs (a charged commission is negative)
#define HEADER_SIZE      5            // u32 length + u8 type
#define MAX_FRAME_LENGTH 65536        // largest legal value of the length field
#define NONCE_LEN        16
#define MAC_LEN          32

#define MSG_HELLO          1
#define MSG_CHALLENGE      2
#define MSG_AUTH           3
#define MSG_WELCOME        4
#define MSG_ERROR          5
#define MSG_HEARTBEAT      6
#define MSG_SYMBOL_SPEC   16
#define MSG_TICK          17
#define MSG_ACCOUNT_STATE 18
#define MSG_STREAM_FROM   19
#define MSG_ORDER_COMMAND 32
#define MSG_ORDER_RESULT  33
#define MSG_POSITION_STATE 34
#define MSG_ORDER_STATE   35
#define MSG_DEAL          36   // protocol 3: one deal of our positions (112-byte payload)

#define ACT_MARKET  1
#define ACT_PENDING 2
#define ACT_CLOSE   3
#define ACT_MODIFY  4
#define ACT_CANCEL  5

#define PEND_NONE  0
#define PEND_LIMIT 1
#define PEND_STOP  2

#define ST_ACCEPTED  1
#define ST_REJECTED  2
#define ST_FILLED    3
#define ST_CANCELLED 4
#define ST_MODIFIED  5
#define ST_EXPIRED   6   // a pending order reached its expiry and the server (or this EA) removed it

#define ERR_UNKNOWN_SYMBOL 7   // BridgeErrorCode.UnknownSymbol, used as retcode for refused commands

//--- connection state machine --------------------------------------
enum BridgeState
  {
   BS_DISCONNECTED = 0,  // no socket; waiting for g_nextConnectAt
   BS_WAIT_CHALLENGE,    // Hello sent
   BS_WAIT_WELCOME,      // Auth sent
   BS_READY              // authenticated: streaming and trading
  };

//--- per-symbol streaming cursor ------------------------------------
// The cursor is (cursorMs, skip): the next ticks to send are those with time_msc >= cursorMs, minus the first
// `skip` ticks stamped exactly cursorMs (already sent). The engine sets it with StreamFrom; we advance it as we send.
struct SymbolState
  {
   string name;
   bool   streaming;   // false until the engine sent StreamFrom for this symbol in this session
   long   cursorMs;
   int    skip;
  };

//--- globals ---------------------------------------------------------
int          g_socket = INVALID_HANDLE;
BridgeState  g_state = BS_DISCONNECTED;
ulong        g_nextConnectAt = 0;
int          g_reconnectDelay = 0;
ulong        g_stateSince = 0;     // when the current handshake step started (timeouts)
ulong        g_lastRecv = 0;       // last time any frame arrived
ulong        g_lastSend = 0;       // last time any frame was sent
ulong        g_lastAccount = 0;
uint         g_heartbeatMs = 1000; // from Welcome
uint         g_timeoutMs = 5000;   // from Welcome
uint         g_heartbeatSeq = 0;
uchar        g_secret[];
uchar        g_clientNonce[];
uchar        g_rx[];               // received bytes not yet parsed as frames
int          g_rxLen = 0;
uchar        g_tx[];               // frames queued for one SocketSend per timer call
int          g_txLen = 0;
SymbolState  g_symbols[];
ulong        g_knownPositions[];   // tickets reported last time (to detect closes)
ulong        g_knownOrders[];
// Deals (protocol 3). A deal is reported once: g_reportedDeals remembers the last DEALS_REMEMBERED deal tickets sent
// (or answered in an OrderResult). Only deals made during the session are reported (time >= g_sessionStartServer):
// what happened while disconnected is in the session's snapshot and the engine reconciles it. g_dealScanFrom is where
// the next history scan starts (the newest reported deal's second), so a long session does not rescan everything.
#define DEALS_REMEMBERED 512
ulong        g_reportedDeals[DEALS_REMEMBERED];
int          g_reportedNext = 0;
datetime     g_sessionStartServer = 0;
datetime     g_dealScanFrom = 0;
uchar        g_serverNonce[];      // from Challenge, to verify the engine's proof in Welcome
long         g_offsetMs = 0;       // trade-server time minus UTC, ms: MT5 stamps ticks in server time, the wire is UTC

//+------------------------------------------------------------------+
//| Little-endian encoding helpers. MQL5 has no BinaryPrimitives, so  |
//| values are written byte by byte; doubles go through a union to    |
//| get their IEEE-754 bits.                                          |
//+------------------------------------------------------------------+
union DoubleBits { double d; long l; };

void PutU8(uchar &buf[], int &pos, int v)      { buf[pos++] = (uchar)(v & 0xFF); }
void PutU16(uchar &buf[], int &pos, int v)     { for(int i = 0; i < 2; i++) buf[pos++] = (uchar)((v >> (8 * i)) & 0xFF); }
void PutU32(uchar &buf[], int &pos, uint v)    { for(int i = 0; i < 4; i++) buf[pos++] = (uchar)((v >> (8 * i)) & 0xFF); }
void PutI64(uchar &buf[], int &pos, long v)    { ulong u = (ulong)v; for(int i = 0; i < 8; i++) buf[pos++] = (uchar)((u >> (8 * i)) & 0xFF); }
void PutF64(uchar &buf[], int &pos, double v)  { DoubleBits b; b.d = v; PutI64(buf, pos, b.l); }
void PutBytes(uchar &buf[], int &pos, const uchar &src[], int count) { for(int i = 0; i < count; i++) buf[pos++] = src[i]; }

// Fixed-size ASCII field, NUL-padded (symbol names: 32 bytes; at most 31 characters are kept).
void PutAscii(uchar &buf[], int &pos, string text, int size)
  {
   for(int i = 0; i < size; i++)
      buf[pos + i] = 0;
   int n = MathMin(StringLen(text), size - 1);
   for(int i = 0; i < n; i++)
     {
      ushort c = StringGetCharacter(text, i);
      buf[pos + i] = (uchar)((c >= 32 && c <= 126) ? c : '?');
     }
   pos += size;
  }

uint   GetU16(const uchar &buf[], int pos) { return (uint)buf[pos] | ((uint)buf[pos + 1] << 8); }
uint   GetU32(const uchar &buf[], int pos) { uint v = 0; for(int i = 0; i < 4; i++) v |= ((uint)buf[pos + i]) << (8 * i); return v; }
long   GetI64(const uchar &buf[], int pos) { ulong v = 0; for(int i = 0; i < 8; i++) v |= ((ulong)buf[pos + i]) << (8 * i); return (long)v; }
double GetF64(const uchar &buf[], int pos) { DoubleBits b; b.l = GetI64(buf, pos); return b.d; }

//+------------------------------------------------------------------+
//| Frame building: header (u32 length = 1 + payload, u8 type) then   |
//| payload. Frames are appended to g_tx and flushed by FlushTx().    |
//+------------------------------------------------------------------+
int BeginFrame(uchar &frame[], int type, int payloadLength)
  {
   ArrayResize(frame, HEADER_SIZE + payloadLength);
   int pos = 0;
   PutU32(frame, pos, (uint)(payloadLength + 1));
   PutU8(frame, pos, type);
   return pos;
  }

void QueueFrame(const uchar &frame[])
  {
   int n = ArraySize(frame);
   if(ArraySize(g_tx) < g_txLen + n)
      ArrayResize(g_tx, g_txLen + n, 65536);
   ArrayCopy(g_tx, frame, g_txLen, 0, n);
   g_txLen += n;
  }

// Sends everything queued. SocketSend may accept less than asked; loop until done or failed.
bool FlushTx()
  {
   if(g_txLen == 0 || g_socket == INVALID_HANDLE)
      return true;
   int offset = 0;
   while(offset < g_txLen)
     {
      uchar chunk[];
      int n = g_txLen - offset;
      ArrayResize(chunk, n);
      ArrayCopy(chunk, g_tx, 0, offset, n);
      int sent = SocketSend(g_socket, chunk, (uint)n);
      if(sent <= 0)
        {
         Disconnect(StringFormat("SocketSend failed (error %d)", GetLastError()));
         return false;
        }
      offset += sent;
     }
   g_txLen = 0;
   g_lastSend = GetTickCount64();
   return true;
  }

//+------------------------------------------------------------------+
//| HMAC-SHA256 (RFC 2104) on top of CryptEncode(CRYPT_HASH_SHA256).  |
//| The key argument of CryptEncode is unused for hashes.            |
//+------------------------------------------------------------------+
void Sha256(const uchar &data[], uchar &digest[])
  {
   uchar unusedKey[];
   CryptEncode(CRYPT_HASH_SHA256, data, unusedKey, digest);
  }

void HmacSha256(const uchar &key[], const uchar &message[], uchar &mac[])
  {
   uchar k[64];
   ArrayInitialize(k, 0);
   if(ArraySize(key) > 64)
     {
      uchar hashed[];
      Sha256(key, hashed);
      ArrayCopy(k, hashed, 0, 0, 32);
     }
   else
      ArrayCopy(k, key, 0, 0, ArraySize(key));

   uchar inner[];
   ArrayResize(inner, 64 + ArraySize(message));
   for(int i = 0; i < 64; i++)
      inner[i] = (uchar)(k[i] ^ 0x36);
   ArrayCopy(inner, message, 64, 0, ArraySize(message));
   uchar innerHash[];
   Sha256(inner, innerHash);

   uchar outer[];
   ArrayResize(outer, 64 + 32);
   for(int i = 0; i < 64; i++)
      outer[i] = (uchar)(k[i] ^ 0x5C);
   ArrayCopy(outer, innerHash, 64, 0, 32);
   Sha256(outer, mac);
  }

// MAC over label | a | b, the two handshake proofs (docs/MT5-BRIDGE.md "Handshake").
void HandshakeMac(string label, const uchar &a[], const uchar &b[], uchar &mac[])
  {
   uchar msg[];
   int labelLen = StringLen(label);
   ArrayResize(msg, labelLen + NONCE_LEN * 2);
   for(int i = 0; i < labelLen; i++)
      msg[i] = (uchar)StringGetCharacter(label, i);
   ArrayCopy(msg, a, labelLen, 0, NONCE_LEN);
   ArrayCopy(msg, b, labelLen + NONCE_LEN, 0, NONCE_LEN);
   HmacSha256(g_secret, msg, mac);
  }

// The client nonce only has to be unpredictable enough not to repeat; hash a few changing values.
void NewNonce(uchar &nonce[])
  {
   uchar seed[];
   int pos = 0;
   ArrayResize(seed, 32);
   PutI64(seed, pos, (long)GetMicrosecondCount());
   PutI64(seed, pos, (long)TimeLocal());
   PutI64(seed, pos, (long)MathRand() << 16 | MathRand());
   PutI64(seed, pos, (long)AccountInfoInteger(ACCOUNT_LOGIN));
   uchar digest[];
   Sha256(seed, digest);
   ArrayResize(nonce, NONCE_LEN);
   ArrayCopy(nonce, digest, 0, 0, NONCE_LEN);
  }

//+------------------------------------------------------------------+
//| Expert lifecycle                                                  |
//+------------------------------------------------------------------+
int OnInit()
  {
   if(StringLen(InpSecret) < 12)
     {
      Print("IctBridge: InpSecret must be the engine's bridge secret (at least 12 characters).");
      return INIT_PARAMETERS_INCORRECT;
     }
   // UTF-8 bytes of the secret without the terminating NUL that StringToCharArray adds.
   int n = StringToCharArray(InpSecret, g_secret, 0, WHOLE_ARRAY, CP_UTF8);
   ArrayResize(g_secret, n - 1);

   string parts[];
   int count = StringSplit(InpSymbols, ',', parts);
   ArrayResize(g_symbols, 0);
   for(int i = 0; i < count; i++)
     {
      string name = parts[i];
      StringTrimLeft(name);
      StringTrimRight(name);
      if(name == "")
         continue;
      if(!SymbolSelect(name, true))   // make sure the terminal subscribes to its quotes
        {
         PrintFormat("IctBridge: symbol %s is not available at this broker", name);
         return INIT_PARAMETERS_INCORRECT;
        }
      int k = ArraySize(g_symbols);
      ArrayResize(g_symbols, k + 1);
      g_symbols[k].name = name;
      g_symbols[k].streaming = false;
      g_symbols[k].cursorMs = 0;
      g_symbols[k].skip = 0;
     }
   if(ArraySize(g_symbols) == 0)
     {
      Print("IctBridge: InpSymbols lists no symbol.");
      return INIT_PARAMETERS_INCORRECT;
     }

   ArrayInitialize(g_reportedDeals, 0);   // 0 = empty slot (no deal has ticket 0)
   MathSrand((uint)GetMicrosecondCount());
   g_reconnectDelay = InpReconnectMinMs;
   EventSetMillisecondTimer(MathMax(InpTimerMs, 5));
   PrintFormat("IctBridge: streaming %d symbol(s) to %s:%u", ArraySize(g_symbols), InpHost, InpPort);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   Disconnect("EA removed");
  }

// Ticks of the chart symbol arrive here first: pump right away for the lowest latency. Other symbols are pumped by
// the timer. Either way CopyTicks from the cursor picks up everything, so nothing depends on OnTick being called.
void OnTick()
  {
   if(g_state == BS_READY)
     {
      PumpTicks();
      FlushTx();
     }
  }

void OnTimer()
  {
   ulong now = GetTickCount64();
   if(g_state == BS_DISCONNECTED)
     {
      if(now >= g_nextConnectAt)
         Connect();
      return;
     }

   ReadSocket();
   if(g_socket == INVALID_HANDLE)
      return;

   // Handshake steps must complete in time; afterwards, silence means a dead peer.
   if(g_state != BS_READY && now - g_stateSince > 5000)
     {
      Disconnect("handshake timeout");
      return;
     }
   if(g_state == BS_READY && now - g_lastRecv > g_timeoutMs)
     {
      Disconnect("engine silent (heartbeat timeout)");
      return;
     }

   if(g_state == BS_READY)
     {
      PumpTicks();
      ExpireOwnPendingOrders();
      if(now - g_lastAccount >= 1000)
        {
         SendAccountState();
         g_lastAccount = now;
        }
      if(g_txLen == 0 && now - g_lastSend >= g_heartbeatMs)
         SendHeartbeat();
     }
   FlushTx();
  }

// Positions and orders changed (our command, SL/TP hit, manual action): report the current state. OnTrade may run
// before the OnTradeTransaction of the deal that caused it (MT5 does not promise an order between the two), so
// SendPositionsAndOrders first reports any deal not reported yet (history scan): the deal always precedes its state.
void OnTrade()
  {
   if(g_state == BS_READY)
     {
      SendPositionsAndOrders();
      SendAccountState();
      FlushTx();
     }
  }

// MT5 added a deal (our market order, a pending order filling, a stop-loss / take-profit / stop-out exit, a trader
// closing by hand): report it NOW, then the positions and orders it changed. The engine applies the deal as a fill at
// once (P&L, risk limits, statistics, the journal's close reason) instead of discovering the change at the next
// reconciliation. Other transaction types are covered by OnTrade's state report.
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(g_state != BS_READY || trans.type != TRADE_TRANSACTION_DEAL_ADD)
      return;
   ReportDeal(trans.deal);
   SendPositionsAndOrders();
   SendAccountState();
   FlushTx();
  }

//+------------------------------------------------------------------+
//| Time. MT5 stamps ticks in trade-server time (often UTC+2/+3); the |
//| wire carries UTC. The offset is detected at each connect (brokers |
//| change it at DST, on weekends) unless given explicitly.          |
//+------------------------------------------------------------------+
void UpdateServerOffset()
  {
   long seconds;
   if(InpServerUtcOffsetMin != -9999)
      seconds = (long)InpServerUtcOffsetMin * 60;
   else
     {
      // Round to 15 minutes: the two clocks are read a moment apart and TimeGMT follows the PC's clock.
      long raw = (long)(TimeTradeServer() - TimeGMT());
      seconds = (long)MathRound(raw / 900.0) * 900;
     }
   if(seconds * 1000 != g_offsetMs)
      PrintFormat("IctBridge: trade-server time is UTC%+.2f h", seconds / 3600.0);
   g_offsetMs = seconds * 1000;
  }

long ServerToUtcMs(long serverMs) { return serverMs - g_offsetMs; }
long UtcToServerMs(long utcMs)    { return utcMs + g_offsetMs; }
long NowUtcMs()                   { return (long)TimeGMT() * 1000; }

//+------------------------------------------------------------------+
//| Connection management                                             |
//+------------------------------------------------------------------+
void Connect()
  {
   g_socket = SocketCreate();
   if(g_socket == INVALID_HANDLE)
     {
      ScheduleReconnect(StringFormat("SocketCreate failed (error %d)", GetLastError()));
      return;
     }
   // Error 4014 here means the address is not in Tools > Options > Expert Advisors > "Allow WebRequest for listed URL".
   if(!SocketConnect(g_socket, InpHost, InpPort, InpConnectTimeoutMs))
     {
      int error = GetLastError();
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      ScheduleReconnect(StringFormat("cannot connect to %s:%u (error %d%s)", InpHost, InpPort, error,
                                     error == 4014 ? ": add the address to the allowed list in Tools > Options > Expert Advisors" : ""));
      return;
     }

   g_rxLen = 0;
   g_txLen = 0;
   UpdateServerOffset();
   for(int i = 0; i < ArraySize(g_symbols); i++)
      g_symbols[i].streaming = false;   // the engine says where to start, per session

   // Hello: magic, version, client nonce, name.
   NewNonce(g_clientNonce);
   uchar frame[];
   int pos = BeginFrame(frame, MSG_HELLO, 4 + 2 + NONCE_LEN + 32);
   PutU32(frame, pos, PROTO_MAGIC);
   PutU16(frame, pos, PROTO_VERSION);
   PutBytes(frame, pos, g_clientNonce, NONCE_LEN);
   PutAscii(frame, pos, "IctBridge " + AccountInfoString(ACCOUNT_SERVER), 32);
   QueueFrame(frame);
   g_state = BS_WAIT_CHALLENGE;
   g_stateSince = GetTickCount64();
   g_lastRecv = g_stateSince;
   FlushTx();
  }

void Disconnect(string reason)
  {
   if(g_socket != INVALID_HANDLE)
     {
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      ScheduleReconnect(reason);
     }
   g_state = BS_DISCONNECTED;
   g_rxLen = 0;
   g_txLen = 0;
  }

void ScheduleReconnect(string reason)
  {
   PrintFormat("IctBridge: %s; reconnecting in %d ms", reason, g_reconnectDelay);
   g_state = BS_DISCONNECTED;
   g_nextConnectAt = GetTickCount64() + g_reconnectDelay;
   g_reconnectDelay = MathMin(g_reconnectDelay * 2, InpReconnectMaxMs);
  }

//+------------------------------------------------------------------+
//| Receiving: append readable bytes to g_rx, then cut whole frames.  |
//+------------------------------------------------------------------+
void ReadSocket()
  {
   uint readable = SocketIsReadable(g_socket);
   while(readable > 0)
     {
      uchar chunk[];
      int got = SocketRead(g_socket, chunk, readable, 100);
      if(got <= 0)
        {
         Disconnect(StringFormat("SocketRead failed (error %d)", GetLastError()));
         return;
        }
      if(ArraySize(g_rx) < g_rxLen + got)
         ArrayResize(g_rx, g_rxLen + got, 65536);
      ArrayCopy(g_rx, chunk, g_rxLen, 0, got);
      g_rxLen += got;
      readable = SocketIsReadable(g_socket);
     }
   if(!SocketIsConnected(g_socket))
     {
      Disconnect("engine closed the connection");
      return;
     }

   int offset = 0;
   while(g_rxLen - offset >= 4)
     {
      uint length = GetU32(g_rx, offset);
      if(length == 0 || length > MAX_FRAME_LENGTH)
        {
         Disconnect(StringFormat("malformed frame length %u", length));   // cannot resynchronise: start over
         return;
        }
      if(g_rxLen - offset < (int)(4 + length))
         break;                                                         // wait for the rest
      g_lastRecv = GetTickCount64();
      HandleFrame(g_rx[offset + 4], offset + HEADER_SIZE, (int)length - 1);
      if(g_socket == INVALID_HANDLE)
         return;
      offset += 4 + (int)length;
     }
   if(offset > 0)
     {
      // Move the unparsed tail to the front (through a temporary: source and destination overlap).
      uchar rest[];
      int remaining = g_rxLen - offset;
      if(remaining > 0)
        {
         ArrayResize(rest, remaining);
         ArrayCopy(rest, g_rx, 0, offset, remaining);
         ArrayCopy(g_rx, rest, 0, 0, remaining);
        }
      g_rxLen = remaining;
     }
  }

void HandleFrame(int type, int p, int length)
  {
   switch(type)
     {
      case MSG_CHALLENGE:
         if(g_state == BS_WAIT_CHALLENGE && length == 2 + NONCE_LEN)
            OnChallenge(p);
         else
            Disconnect("unexpected Challenge");
         break;
      case MSG_WELCOME:
         if(g_state == BS_WAIT_WELCOME && length == 8 + MAC_LEN)
            OnWelcome(p);
         else
            Disconnect("unexpected Welcome");
         break;
      case MSG_ERROR:
        {
         uint code = length >= 4 ? GetU16(g_rx, p) : 0;
         uint textLen = length >= 4 ? GetU16(g_rx, p + 2) : 0;
         string text = (textLen > 0 && (int)textLen <= length - 4) ? CharArrayToString(g_rx, p + 4, (int)textLen, CP_UTF8) : "";
         PrintFormat("IctBridge: engine error %u: %s", code, text);
         break;   // fatal errors are followed by the engine closing the socket
        }
      case MSG_HEARTBEAT:
         break;   // receiving it already refreshed g_lastRecv
      case MSG_STREAM_FROM:
         if(g_state == BS_READY && length == 16)
            OnStreamFrom(p);
         break;
      case MSG_ORDER_COMMAND:
         if(g_state == BS_READY && length == 68)
            OnOrderCommand(p);
         break;
      default:
         PrintFormat("IctBridge: ignoring frame type %d (%d bytes)", type, length);   // newer engine: skip, don't die
         break;
     }
  }

//+------------------------------------------------------------------+
//| Handshake                                                         |
//+------------------------------------------------------------------+
void OnChallenge(int p)
  {
   uint version = GetU16(g_rx, p);
   if(version != PROTO_VERSION)
     {
      Disconnect(StringFormat("engine chose protocol %u; this EA speaks %d", version, PROTO_VERSION));
      return;
     }
   uchar serverNonce[];
   ArrayResize(serverNonce, NONCE_LEN);
   ArrayCopy(serverNonce, g_rx, 0, p + 2, NONCE_LEN);
   // Keep the server nonce for verifying the engine's proof in Welcome.
   ArrayResize(g_serverNonce, NONCE_LEN);
   ArrayCopy(g_serverNonce, serverNonce, 0, 0, NONCE_LEN);

   uchar mac[];
   HandshakeMac("ICTB-C", serverNonce, g_clientNonce, mac);
   uchar frame[];
   int pos = BeginFrame(frame, MSG_AUTH, MAC_LEN);
   PutBytes(frame, pos, mac, MAC_LEN);
   QueueFrame(frame);
   g_state = BS_WAIT_WELCOME;
   g_stateSince = GetTickCount64();
  }

void OnWelcome(int p)
  {
   g_heartbeatMs = GetU32(g_rx, p);
   g_timeoutMs = GetU32(g_rx, p + 4);
   // Mutual authentication: the engine must prove it knows the secret too, so a rogue listener cannot take orders.
   uchar expected[];
   HandshakeMac("ICTB-S", g_clientNonce, g_serverNonce, expected);
   for(int i = 0; i < MAC_LEN; i++)
     {
      if(expected[i] != g_rx[p + 8 + i])
        {
         Disconnect("the engine's proof is wrong: is the secret the same on both sides?");
         return;
        }
     }
   g_state = BS_READY;
   g_reconnectDelay = InpReconnectMinMs;
   g_lastRecv = GetTickCount64();
   Print("IctBridge: connected and authenticated");

   // Session snapshot: specs first (the engine maps symbols and answers with StreamFrom), then account and trading state.
   // Sent on EVERY connect, reconnects included: the engine forgets its view of the terminal when a session starts and
   // reconciles its positions, orders and balance against exactly this snapshot before the session's first tick, so
   // it must be complete (every position and order of our magic, the account) and must precede any Tick frame (ticks
   // wait for StreamFrom). The known-ticket lists are reset so nothing is reported closed against an older session.
   for(int i = 0; i < ArraySize(g_symbols); i++)
      SendSymbolSpec(i);
   SendAccountState();
   ArrayResize(g_knownPositions, 0);
   ArrayResize(g_knownOrders, 0);
   StartDealReporting();
   SendPositionsAndOrders();
  }

//+------------------------------------------------------------------+
//| Market data                                                       |
//+------------------------------------------------------------------+
void SendSymbolSpec(int wire)
  {
   string s = g_symbols[wire].name;
   uchar frame[];
   int pos = BeginFrame(frame, MSG_SYMBOL_SPEC, 2 + 32 + 4 + 7 * 8);
   PutU16(frame, pos, wire);
   PutAscii(frame, pos, s, 32);
   PutU32(frame, pos, (uint)SymbolInfoInteger(s, SYMBOL_DIGITS));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_POINT));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_TRADE_TICK_SIZE));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_TRADE_TICK_VALUE));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_TRADE_CONTRACT_SIZE));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_VOLUME_MIN));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_VOLUME_STEP));
   PutF64(frame, pos, SymbolInfoDouble(s, SYMBOL_VOLUME_MAX));
   QueueFrame(frame);
  }

// StreamFrom: the engine's cursor for a symbol (UTC ms). fromMs 0 = from now (next millisecond); otherwise backfill
// from there. The cursor is kept in server time, the clock CopyTicks works in.
void OnStreamFrom(int p)
  {
   uint wire = GetU16(g_rx, p);
   long fromUtcMs = GetI64(g_rx, p + 4);
   uint skip = GetU32(g_rx, p + 12);
   if(wire >= (uint)ArraySize(g_symbols))
      return;
   long fromMs = fromUtcMs == 0 ? 0 : UtcToServerMs(fromUtcMs);
   long nowMs = (long)TimeCurrent() * 1000;
   MqlTick last;
   if(SymbolInfoTick(g_symbols[wire].name, last))
      nowMs = MathMax(nowMs, last.time_msc);
   long oldest = nowMs - (long)InpMaxBackfillHours * 3600 * 1000;
   if(fromMs == 0)
     {
      fromMs = nowMs + 1;
      skip = 0;
     }
   else if(fromMs < oldest)
     {
      PrintFormat("IctBridge: %s backfill from %I64d clamped to %d hours", g_symbols[wire].name, fromMs, InpMaxBackfillHours);
      fromMs = oldest;
      skip = 0;
     }
   g_symbols[wire].cursorMs = fromMs;
   g_symbols[wire].skip = (int)skip;
   g_symbols[wire].streaming = true;
   PrintFormat("IctBridge: streaming %s from %s.%03d (skip %u)", g_symbols[wire].name,
               TimeToString((datetime)(fromMs / 1000), TIME_DATE | TIME_SECONDS), (int)(fromMs % 1000), skip);
  }

// Sends every tick after each symbol's cursor. CopyTicks(from_msc) returns ticks with time_msc >= from_msc, oldest
// first, including those already in the terminal's history: this is what makes both live streaming and backfill
// lossless. A batch that fills InpMaxTicksPerCopy means there may be more: loop (bounded per call to stay responsive).
void PumpTicks()
  {
   for(int s = 0; s < ArraySize(g_symbols); s++)
     {
      if(!g_symbols[s].streaming)
         continue;
      for(int round = 0; round < 20; round++)
        {
         MqlTick ticks[];
         int n = CopyTicks(g_symbols[s].name, ticks, COPY_TICKS_ALL, (ulong)g_symbols[s].cursorMs, (uint)InpMaxTicksPerCopy);
         if(n <= 0)
            break;   // nothing new (or history still loading: retried next call)

         // Skip the ticks at cursorMs the engine already has.
         int start = 0;
         int skipped = 0;
         while(start < n && ticks[start].time_msc == g_symbols[s].cursorMs && skipped < g_symbols[s].skip)
           {
            start++;
            skipped++;
           }
         for(int i = start; i < n; i++)
            QueueTick(s, ticks[i]);

         // New cursor: the last tick's ms and how many ticks of this batch carry it. The batch started at the old
         // cursor, so this count includes ticks at that ms sent earlier: exactly what must be skipped next time.
         long lastMs = ticks[n - 1].time_msc;
         int atLast = 0;
         for(int i = n - 1; i >= 0 && ticks[i].time_msc == lastMs; i--)
            atLast++;
         bool progressed = (lastMs != g_symbols[s].cursorMs) || (atLast != g_symbols[s].skip);
         g_symbols[s].cursorMs = lastMs;
         g_symbols[s].skip = atLast;
         if(g_txLen > 256 * 1024 && !FlushTx())
            return;
         if(n < InpMaxTicksPerCopy || !progressed)
            break;
        }
     }
  }

void QueueTick(int wire, const MqlTick &t)
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_TICK, 44);
   PutU16(frame, pos, wire);
   PutU16(frame, pos, 0);                 // reserved
   PutU32(frame, pos, t.flags);           // MT5 TICK_FLAG_* values, passed through
   PutI64(frame, pos, ServerToUtcMs(t.time_msc));   // wire time is UTC ms
   PutF64(frame, pos, t.bid);
   PutF64(frame, pos, t.ask);
   PutF64(frame, pos, t.last);
   PutF64(frame, pos, t.volume_real);
   QueueFrame(frame);
  }

void SendHeartbeat()
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_HEARTBEAT, 12);
   PutI64(frame, pos, NowUtcMs());
   PutU32(frame, pos, ++g_heartbeatSeq);
   QueueFrame(frame);
  }

void SendAccountState()
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_ACCOUNT_STATE, 40);
   PutI64(frame, pos, NowUtcMs());
   PutF64(frame, pos, AccountInfoDouble(ACCOUNT_BALANCE));
   PutF64(frame, pos, AccountInfoDouble(ACCOUNT_EQUITY));
   PutF64(frame, pos, AccountInfoDouble(ACCOUNT_MARGIN));
   PutF64(frame, pos, AccountInfoDouble(ACCOUNT_MARGIN_FREE));
   QueueFrame(frame);
  }

//+------------------------------------------------------------------+
//| Trading                                                           |
//+------------------------------------------------------------------+
int WireOf(string symbol)
  {
   for(int i = 0; i < ArraySize(g_symbols); i++)
      if(g_symbols[i].name == symbol)
         return i;
   return -1;
  }

// The engine's client order id travels in the order comment as "ict:<id>" (brokers may truncate comments: keep ids short).
long ClientIdFromComment(string comment)
  {
   if(StringFind(comment, "ict:") != 0)
      return 0;
   return StringToInteger(StringSubstr(comment, 4));
  }

// The filling mode the symbol allows: FOK, else IOC, else RETURN (exchange execution).
ENUM_ORDER_TYPE_FILLING FillingFor(string symbol)
  {
   long modes = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
   if((modes & SYMBOL_FILLING_FOK) != 0)
      return ORDER_FILLING_FOK;
   if((modes & SYMBOL_FILLING_IOC) != 0)
      return ORDER_FILLING_IOC;
   return ORDER_FILLING_RETURN;
  }

void OnOrderCommand(int p)
  {
   long   clientId  = GetI64(g_rx, p);
   int    action    = g_rx[p + 8];
   int    side      = (g_rx[p + 9] >= 128) ? (int)g_rx[p + 9] - 256 : (int)g_rx[p + 9];   // i8
   int    kind      = g_rx[p + 10];
   uint   wire      = GetU16(g_rx, p + 12);
   ulong  ticket    = (ulong)GetI64(g_rx, p + 16);
   double volume    = GetF64(g_rx, p + 24);
   double price     = GetF64(g_rx, p + 32);
   double sl        = GetF64(g_rx, p + 40);
   double tp        = GetF64(g_rx, p + 48);
   uint   deviation = GetU32(g_rx, p + 56);
   long   expiryMs  = GetI64(g_rx, p + 60);   // pending orders: expiry in ms of the tick (server) clock; 0 = GTC

   if(wire >= (uint)ArraySize(g_symbols))
     {
      SendOrderResult(clientId, ERR_UNKNOWN_SYMBOL, ST_REJECTED, side, wire, 0, 0, 0, 0, 0, 0, 0, 0);
      return;
     }
   string symbol = g_symbols[wire].name;
   int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);

   datetime pendingExpiry = 0;
   MqlTradeRequest req;
   MqlTradeResult  res;
   ZeroMemory(req);
   ZeroMemory(res);
   req.magic     = InpMagic;
   req.symbol    = symbol;
   req.deviation = deviation;
   req.comment   = "ict:" + IntegerToString(clientId);
   req.type_filling = FillingFor(symbol);
   req.sl = sl > 0 ? NormalizeDouble(sl, digits) : 0;
   req.tp = tp > 0 ? NormalizeDouble(tp, digits) : 0;

   switch(action)
     {
      case ACT_MARKET:
         req.action = TRADE_ACTION_DEAL;
         req.type   = side > 0 ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
         req.volume = volume;
         req.price  = side > 0 ? SymbolInfoDouble(symbol, SYMBOL_ASK) : SymbolInfoDouble(symbol, SYMBOL_BID);
         break;
      case ACT_PENDING:
         req.action = TRADE_ACTION_PENDING;
         if(kind == PEND_LIMIT)
            req.type = side > 0 ? ORDER_TYPE_BUY_LIMIT : ORDER_TYPE_SELL_LIMIT;
         else
            req.type = side > 0 ? ORDER_TYPE_BUY_STOP : ORDER_TYPE_SELL_STOP;
         req.volume    = volume;
         req.price     = NormalizeDouble(price, digits);
         req.type_time = ORDER_TIME_GTC;
         if(expiryMs > 0)
           {
            // MT5 expirations are whole seconds of server time: round up so the order never dies early.
            datetime expiry = (datetime)((expiryMs + 999) / 1000);
            if((SymbolInfoInteger(symbol, SYMBOL_EXPIRATION_MODE) & SYMBOL_EXPIRATION_SPECIFIED) != 0)
              {
               req.type_time  = ORDER_TIME_SPECIFIED;
               req.expiration = expiry;
              }
            else
               pendingExpiry = expiry;   // the broker refuses specified expiries: GTC, and this EA removes it on time
           }
         break;
      case ACT_CLOSE:
         if(!PositionSelectByTicket(ticket))
           {
            SendOrderResult(clientId, TRADE_RETCODE_POSITION_CLOSED, ST_REJECTED, side, wire, 0, 0, ticket, 0, 0, 0, 0, 0);
            return;
           }
         req.action   = TRADE_ACTION_DEAL;
         req.position = ticket;
         req.type     = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? ORDER_TYPE_SELL : ORDER_TYPE_BUY;
         side         = req.type == ORDER_TYPE_BUY ? 1 : -1;
         req.volume   = volume > 0 ? volume : PositionGetDouble(POSITION_VOLUME);
         req.price    = req.type == ORDER_TYPE_BUY ? SymbolInfoDouble(symbol, SYMBOL_ASK) : SymbolInfoDouble(symbol, SYMBOL_BID);
         req.sl = 0;
         req.tp = 0;
         break;
      case ACT_MODIFY:
         if(PositionSelectByTicket(ticket))
           {
            req.action   = TRADE_ACTION_SLTP;
            req.position = ticket;
           }
         else if(OrderSelect(ticket))
           {
            req.action    = TRADE_ACTION_MODIFY;
            req.order     = ticket;
            req.price     = OrderGetDouble(ORDER_PRICE_OPEN);
            req.type_time = (ENUM_ORDER_TYPE_TIME)OrderGetInteger(ORDER_TYPE_TIME);
           }
         else
           {
            SendOrderResult(clientId, TRADE_RETCODE_INVALID, ST_REJECTED, side, wire, ticket, 0, 0, 0, 0, sl, tp, 0);
            return;
           }
         break;
      case ACT_CANCEL:
         req.action = TRADE_ACTION_REMOVE;
         req.order  = ticket;
         break;
      default:
         SendOrderResult(clientId, TRADE_RETCODE_INVALID, ST_REJECTED, side, wire, 0, 0, 0, 0, 0, 0, 0, 0);
         return;
     }

   bool sent = OrderSend(req, res);
   uint code = res.retcode;
   bool done = sent && (code == TRADE_RETCODE_DONE || code == TRADE_RETCODE_PLACED || code == TRADE_RETCODE_DONE_PARTIAL);
   int status = ST_REJECTED;
   if(done)
     {
      if(action == ACT_MARKET || action == ACT_CLOSE)
         status = ST_FILLED;
      else if(action == ACT_PENDING)
         status = ST_ACCEPTED;
      else if(action == ACT_MODIFY)
         status = ST_MODIFIED;
      else
         status = ST_CANCELLED;
     }
   else
      PrintFormat("IctBridge: order %I64d refused: retcode %u %s (error %d)", clientId, code, res.comment, GetLastError());

   // A deal tells which position it opened or changed, and its commission (MT5's sign: negative when charged).
   // This OrderResult reports the deal, so it is marked reported: the OnTradeTransaction that follows for the same
   // deal sends no Deal (the engine would drop it by its ticket anyway).
   ulong positionTicket = action == ACT_CLOSE || action == ACT_MODIFY ? ticket : 0;
   double commission = 0;
   if(status == ST_FILLED && res.deal > 0)
      MarkDealReported(res.deal);
   if(status == ST_FILLED && res.deal > 0 && HistoryDealSelect(res.deal))
     {
      positionTicket = (ulong)HistoryDealGetInteger(res.deal, DEAL_POSITION_ID);
      commission = HistoryDealGetDouble(res.deal, DEAL_COMMISSION) + HistoryDealGetDouble(res.deal, DEAL_FEE);
     }
   if(status == ST_ACCEPTED && pendingExpiry > 0 && res.order > 0)
      RememberExpiry(res.order, pendingExpiry);
   SendOrderResult(clientId, code, status, side, wire, res.order, res.deal, positionTicket,
                   res.volume > 0 ? res.volume : req.volume, res.price > 0 ? res.price : req.price, req.sl, req.tp, commission);
   SendPositionsAndOrders();
   SendAccountState();
  }

void SendOrderResult(long clientId, uint retcode, int status, int side, uint wire, ulong order, ulong deal, ulong position,
                     double volume, double price, double sl, double tp, double commission)
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_ORDER_RESULT, 88);
   PutI64(frame, pos, clientId);
   PutU32(frame, pos, retcode);
   PutU8(frame, pos, status);
   PutU8(frame, pos, side & 0xFF);
   PutU16(frame, pos, (int)wire);
   PutI64(frame, pos, (long)order);
   PutI64(frame, pos, (long)deal);
   PutI64(frame, pos, (long)position);
   PutF64(frame, pos, volume);
   PutF64(frame, pos, price);
   PutF64(frame, pos, sl);
   PutF64(frame, pos, tp);
   PutF64(frame, pos, commission);
   PutI64(frame, pos, NowUtcMs());
   QueueFrame(frame);
  }

//+------------------------------------------------------------------+
//| Pending order expiry (protocol 2)                                 |
//+------------------------------------------------------------------+
// Orders placed GTC because the symbol does not allow ORDER_TIME_SPECIFIED, with the expiry the engine asked for.
ulong    g_expiryTickets[];
datetime g_expiryTimes[];

void RememberExpiry(ulong ticket, datetime expiry)
  {
   int n = ArraySize(g_expiryTickets);
   ArrayResize(g_expiryTickets, n + 1);
   ArrayResize(g_expiryTimes, n + 1);
   g_expiryTickets[n] = ticket;
   g_expiryTimes[n] = expiry;
  }

void ForgetExpiry(int i)
  {
   int last = ArraySize(g_expiryTickets) - 1;
   g_expiryTickets[i] = g_expiryTickets[last];
   g_expiryTimes[i] = g_expiryTimes[last];
   ArrayResize(g_expiryTickets, last);
   ArrayResize(g_expiryTimes, last);
  }

// Removes the orders this EA expires itself once server time reaches their expiry. The removal is reported as
// expired by ReportIfExpired (the order is gone from history as cancelled, so the list is what marks it).
void ExpireOwnPendingOrders()
  {
   datetime now = TimeTradeServer();
   for(int i = ArraySize(g_expiryTickets) - 1; i >= 0; i--)
     {
      if(!OrderSelect(g_expiryTickets[i]))
        {
         if(!HistoryOrderSelect(g_expiryTickets[i]))
            ForgetExpiry(i);   // filled or removed by hand: nothing to expire (ReportIfExpired forgets reported ones)
         continue;
        }
      if(now < g_expiryTimes[i])
         continue;
      MqlTradeRequest req;
      MqlTradeResult  res;
      ZeroMemory(req);
      ZeroMemory(res);
      req.action = TRADE_ACTION_REMOVE;
      req.order  = g_expiryTickets[i];
      if(!OrderSend(req, res))
         PrintFormat("IctBridge: could not expire order %I64u: retcode %u (error %d); retrying", g_expiryTickets[i], res.retcode, GetLastError());
     }
  }

// A pending order disappeared: when it expired (the server's ORDER_TIME_SPECIFIED, or this EA's own expiry), tell
// the engine with an OrderResult of status ST_EXPIRED under the order's client id, before the OrderState removal.
void ReportIfExpired(ulong ticket)
  {
   bool ownExpiry = false;
   for(int i = 0; i < ArraySize(g_expiryTickets); i++)
      if(g_expiryTickets[i] == ticket)
        {
         ownExpiry = TimeTradeServer() >= g_expiryTimes[i];
         ForgetExpiry(i);
         break;
        }
   if(!HistoryOrderSelect(ticket))
      return;
   ENUM_ORDER_STATE state = (ENUM_ORDER_STATE)HistoryOrderGetInteger(ticket, ORDER_STATE);
   if(state != ORDER_STATE_EXPIRED && !(ownExpiry && state == ORDER_STATE_CANCELED))
      return;
   string symbol = HistoryOrderGetString(ticket, ORDER_SYMBOL);
   int wire = WireOf(symbol);
   ENUM_ORDER_TYPE type = (ENUM_ORDER_TYPE)HistoryOrderGetInteger(ticket, ORDER_TYPE);
   int side = (type == ORDER_TYPE_BUY_LIMIT || type == ORDER_TYPE_BUY_STOP || type == ORDER_TYPE_BUY_STOP_LIMIT) ? 1 : -1;
   SendOrderResult(ClientIdFromComment(HistoryOrderGetString(ticket, ORDER_COMMENT)), TRADE_RETCODE_DONE, ST_EXPIRED, side,
                   wire < 0 ? 0 : wire, ticket, 0, 0, HistoryOrderGetDouble(ticket, ORDER_VOLUME_CURRENT),
                   HistoryOrderGetDouble(ticket, ORDER_PRICE_OPEN), 0, 0, 0);
  }

bool Contains(const ulong &list[], ulong value)
  {
   for(int i = 0; i < ArraySize(list); i++)
      if(list[i] == value)
         return true;
   return false;
  }

// Reports every position and pending order of this EA (magic) on a configured symbol, and those that disappeared
// since the last report (closed positions with Closed=1; removed orders with kind 0). Deals first: a position that
// closed must reach the engine as its exit deal before its Closed=1 state (protocol 3).
void SendPositionsAndOrders()
  {
   ReportNewDeals();
   ulong positions[];
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0 || (ulong)PositionGetInteger(POSITION_MAGIC) != InpMagic)
         continue;
      int wire = WireOf(PositionGetString(POSITION_SYMBOL));
      if(wire < 0)
         continue;
      int n = ArraySize(positions);
      ArrayResize(positions, n + 1);
      positions[n] = ticket;
      QueuePositionState(ticket, wire, false);
     }
   for(int i = 0; i < ArraySize(g_knownPositions); i++)
      if(!Contains(positions, g_knownPositions[i]))
         QueueClosedPosition(g_knownPositions[i]);
   ArrayCopy(g_knownPositions, positions);
   ArrayResize(g_knownPositions, ArraySize(positions));

   ulong orders[];
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket == 0 || (ulong)OrderGetInteger(ORDER_MAGIC) != InpMagic)
         continue;
      int wire = WireOf(OrderGetString(ORDER_SYMBOL));
      if(wire < 0)
         continue;
      int n = ArraySize(orders);
      ArrayResize(orders, n + 1);
      orders[n] = ticket;
      ENUM_ORDER_TYPE type = (ENUM_ORDER_TYPE)OrderGetInteger(ORDER_TYPE);
      int side = (type == ORDER_TYPE_BUY_LIMIT || type == ORDER_TYPE_BUY_STOP || type == ORDER_TYPE_BUY_STOP_LIMIT) ? 1 : -1;
      int kind = (type == ORDER_TYPE_BUY_LIMIT || type == ORDER_TYPE_SELL_LIMIT) ? PEND_LIMIT : PEND_STOP;
      QueueOrderState(ticket, ClientIdFromComment(OrderGetString(ORDER_COMMENT)), wire, side, kind,
                      OrderGetDouble(ORDER_VOLUME_CURRENT), OrderGetDouble(ORDER_PRICE_OPEN), OrderGetDouble(ORDER_SL), OrderGetDouble(ORDER_TP));
     }
   for(int i = 0; i < ArraySize(g_knownOrders); i++)
      if(!Contains(orders, g_knownOrders[i]))
        {
         ReportIfExpired(g_knownOrders[i]);
         // Removal by ticket alone (client id 0): the engine keys its order mirror by ticket and fills the id in.
         QueueOrderState(g_knownOrders[i], 0, 0, 0, PEND_NONE, 0, 0, 0, 0);
        }
   ArrayCopy(g_knownOrders, orders);
   ArrayResize(g_knownOrders, ArraySize(orders));
  }

// The selected position (PositionGetTicket selected it).
void QueuePositionState(ulong ticket, int wire, bool closed)
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_POSITION_STATE, 68);
   PutI64(frame, pos, (long)ticket);
   PutI64(frame, pos, ClientIdFromComment(PositionGetString(POSITION_COMMENT)));
   PutU16(frame, pos, wire);
   PutU8(frame, pos, PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? 1 : 0xFF);   // +1 / -1 as i8
   PutU8(frame, pos, closed ? 1 : 0);
   PutF64(frame, pos, PositionGetDouble(POSITION_VOLUME));
   PutF64(frame, pos, PositionGetDouble(POSITION_PRICE_OPEN));
   PutF64(frame, pos, PositionGetDouble(POSITION_SL));
   PutF64(frame, pos, PositionGetDouble(POSITION_TP));
   PutF64(frame, pos, PositionGetDouble(POSITION_PROFIT));
   PutI64(frame, pos, ServerToUtcMs((long)PositionGetInteger(POSITION_TIME_UPDATE_MSC)));
   QueueFrame(frame);
  }

// A position that no longer exists: report it closed (its final numbers came with the closing OrderResult or Deal).
void QueueClosedPosition(ulong ticket)
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_POSITION_STATE, 68);
   PutI64(frame, pos, (long)ticket);
   PutI64(frame, pos, 0);
   PutU16(frame, pos, 0xFFFF);   // symbol unknown now: the engine matches by ticket
   PutU8(frame, pos, 0);
   PutU8(frame, pos, 1);
   for(int i = 0; i < 5; i++)
      PutF64(frame, pos, 0);
   PutI64(frame, pos, NowUtcMs());
   QueueFrame(frame);
  }

void QueueOrderState(ulong ticket, long clientId, int wire, int side, int kind, double volume, double price, double sl, double tp)
  {
   uchar frame[];
   int pos = BeginFrame(frame, MSG_ORDER_STATE, 60);
   PutI64(frame, pos, (long)ticket);
   PutI64(frame, pos, clientId);
   PutU16(frame, pos, wire);
   PutU8(frame, pos, side & 0xFF);
   PutU8(frame, pos, kind);
   PutF64(frame, pos, volume);
   PutF64(frame, pos, price);
   PutF64(frame, pos, sl);
   PutF64(frame, pos, tp);
   PutI64(frame, pos, NowUtcMs());
   QueueFrame(frame);
  }
//+------------------------------------------------------------------+

//+------------------------------------------------------------------+
//| Deals (protocol 3)                                                |
//|                                                                  |
//| Every deal of one of our positions is sent as a Deal frame:      |
//| DEAL_ENTRY_IN/OUT/INOUT/OUT_BY on a configured symbol, whatever  |
//| made it (DEAL_REASON_EXPERT for our orders and pending fills,    |
//| SL/TP/SO for the server's exits, CLIENT/MOBILE/WEB for a trader).|
//| Two paths feed it, so nothing depends on MT5's event order:      |
//|   * OnTradeTransaction(DEAL_ADD): at once, then the state;       |
//|   * ReportNewDeals(), a history scan at the start of every state |
//|     report: catches a deal whose OnTrade came first, or whose    |
//|     transaction was lost (MT5's transaction queue is bounded).   |
//| Order guarantee: no PositionState/OrderState leaves before the   |
//| deals that changed it. Ordering on the wire is the send order.   |
//+------------------------------------------------------------------+

bool DealReported(ulong deal)
  {
   for(int i = 0; i < DEALS_REMEMBERED; i++)
      if(g_reportedDeals[i] == deal)
         return true;
   return false;
  }

void MarkDealReported(ulong deal)
  {
   if(deal == 0 || DealReported(deal))
      return;
   g_reportedDeals[g_reportedNext] = deal;
   g_reportedNext = (g_reportedNext + 1) % DEALS_REMEMBERED;
  }

// At each session start (Welcome): deals from now on are reported. Deals already in this second's history are in the
// snapshot being sent (the positions they opened or closed), so they are marked reported, not sent again.
void StartDealReporting()
  {
   g_sessionStartServer = TimeCurrent();
   g_dealScanFrom = g_sessionStartServer;
   if(!HistorySelect(g_sessionStartServer, TimeCurrent() + 86400))
      return;
   for(int i = 0; i < HistoryDealsTotal(); i++)
      MarkDealReported(HistoryDealGetTicket(i));
  }

// Sends the deals of the session not reported yet, oldest first. Tickets are collected before any is reported because
// ReportDeal's HistoryDealSelect/HistoryOrderSelect replace the history selection this loop reads.
void ReportNewDeals()
  {
   if(g_state != BS_READY || !HistorySelect(g_dealScanFrom, TimeCurrent() + 86400))
      return;
   ulong deals[];
   int n = HistoryDealsTotal();
   ArrayResize(deals, n);
   for(int i = 0; i < n; i++)
      deals[i] = HistoryDealGetTicket(i);
   for(int i = 0; i < n; i++)
      ReportDeal(deals[i]);
  }

// Is the position one of ours (our magic)? The position id is the ticket of the order that opened it, so a closed
// position is recognised by that order in the history.
bool IsOurPosition(ulong positionId)
  {
   if(Contains(g_knownPositions, positionId))
      return true;
   if(PositionSelectByTicket(positionId))
      return (ulong)PositionGetInteger(POSITION_MAGIC) == InpMagic;
   return HistoryOrderSelect(positionId) && (ulong)HistoryOrderGetInteger(positionId, ORDER_MAGIC) == InpMagic;
  }

// Sends one deal if it is a trade (buy/sell) of one of our positions on a configured symbol, made during this session
// and not reported yet. Layout: docs/MT5-BRIDGE.md "Deal".
void ReportDeal(ulong deal)
  {
   if(deal == 0 || DealReported(deal) || !HistoryDealSelect(deal))
      return;
   // Everything is read from the deal before any order lookup (which may replace the history selection).
   ENUM_DEAL_TYPE   type     = (ENUM_DEAL_TYPE)HistoryDealGetInteger(deal, DEAL_TYPE);
   ENUM_DEAL_ENTRY  entry    = (ENUM_DEAL_ENTRY)HistoryDealGetInteger(deal, DEAL_ENTRY);
   ENUM_DEAL_REASON reason   = (ENUM_DEAL_REASON)HistoryDealGetInteger(deal, DEAL_REASON);
   datetime         time     = (datetime)HistoryDealGetInteger(deal, DEAL_TIME);
   long             timeMsc  = HistoryDealGetInteger(deal, DEAL_TIME_MSC);
   ulong            order    = (ulong)HistoryDealGetInteger(deal, DEAL_ORDER);
   ulong            position = (ulong)HistoryDealGetInteger(deal, DEAL_POSITION_ID);
   ulong            magic    = (ulong)HistoryDealGetInteger(deal, DEAL_MAGIC);
   string           symbol   = HistoryDealGetString(deal, DEAL_SYMBOL);
   string           comment  = HistoryDealGetString(deal, DEAL_COMMENT);
   double volume     = HistoryDealGetDouble(deal, DEAL_VOLUME);
   double price      = HistoryDealGetDouble(deal, DEAL_PRICE);
   double sl         = HistoryDealGetDouble(deal, DEAL_SL);
   double tp         = HistoryDealGetDouble(deal, DEAL_TP);
   double profit     = HistoryDealGetDouble(deal, DEAL_PROFIT);
   double swap       = HistoryDealGetDouble(deal, DEAL_SWAP);
   double commission = HistoryDealGetDouble(deal, DEAL_COMMISSION);
   double fee        = HistoryDealGetDouble(deal, DEAL_FEE);

   if(type != DEAL_TYPE_BUY && type != DEAL_TYPE_SELL)
      return;   // balance, credit, charges: the engine adopts those from AccountState
   if(time < g_sessionStartServer)
      return;   // before this session: part of the snapshot, reconciled by the engine
   int wire = WireOf(symbol);
   if(wire < 0)
      return;
   if(magic != InpMagic && !IsOurPosition(position))
      return;   // another EA's or a trader's own position: not the engine's business

   // Our id: the deal's comment copies our order's "ict:<id>" for our orders and pending fills; an exit the server
   // made by itself carries "[sl ...]"/"[tp ...]"/"so ..." and has no id of ours (0), as does a trader's close.
   long clientId = ClientIdFromComment(comment);
   if(clientId == 0 && entry == DEAL_ENTRY_IN && order > 0 && HistoryOrderSelect(order))
      clientId = ClientIdFromComment(HistoryOrderGetString(order, ORDER_COMMENT));

   MarkDealReported(deal);
   if(time > g_dealScanFrom)
      g_dealScanFrom = time;

   uchar frame[];
   int pos = BeginFrame(frame, MSG_DEAL, 112);
   PutI64(frame, pos, (long)deal);
   PutI64(frame, pos, (long)order);
   PutI64(frame, pos, (long)position);
   PutI64(frame, pos, clientId);
   PutU16(frame, pos, wire);
   PutU8(frame, pos, type == DEAL_TYPE_BUY ? 1 : 0xFF);   // +1 / -1 as i8
   PutU8(frame, pos, (int)entry);                        // MT5 ENUM_DEAL_ENTRY values: 0 in, 1 out, 2 inout, 3 out_by
   PutU8(frame, pos, (int)reason);                       // MT5 ENUM_DEAL_REASON values: 3 expert, 4 sl, 5 tp, 6 so, ...
   PutU8(frame, pos, 0);                                 // reserved
   PutU16(frame, pos, 0);                                // reserved
   PutF64(frame, pos, volume);
   PutF64(frame, pos, price);
   PutF64(frame, pos, sl);
   PutF64(frame, pos, tp);
   PutF64(frame, pos, profit);
   PutF64(frame, pos, swap);
   PutF64(frame, pos, commission);                       // MT5's signs: a charge is negative
   PutF64(frame, pos, fee);
   PutI64(frame, pos, ServerToUtcMs(timeMsc));           // wire time is UTC ms, like ticks
   QueueFrame(frame);
  }
//+------------------------------------------------------------------+
