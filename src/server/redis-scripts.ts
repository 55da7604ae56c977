/**
 * The Lua scripts through which instances change shared state: each runs atomically in Redis,
 * so two instances never both take a room's last seat, and a message is queued only for a
 * peer who may receive it. Keys (one Redis, not a cluster):
 *   s:<peer>   hash   name, tok, prev (token hashes), inst (owning instance, '' while detached),
 *                     cur (last inbox entry handed to its socket)
 *   sr:<peer>  set    its rooms          in:<peer>  stream  its inbox, in arrival order
 *   t:<hash>   string peer of a resume token hash
 *   r:<room>   hash   pw (password hash JSON, '' for none), inv (invited peer)
 *   rm:<room>  hash   member peer → name
 *   dir        hash   peer → name, for those listed in the directory
 *   is:<inst>  set    peers an instance holds      instances  zset  instance → last heartbeat ms
 *   graces     zset   detached peer → ms its grace period ends
 *   c:<call>   hash   caller, callee, room, addr (the caller's address) of a ringing call;
 *                     s:<peer> field out is the call it places, inc:<peer> the set ringing it
 *   rings      zset   ringing call → ms it times out
 *   rl:<kind>:<key> hash  a shared rate limit's token bucket (tokens, at)
 * Channels: i:<inst> ("d <peer>": its inbox has news; "r <peer>": it resumed elsewhere) and dir.
 */
import type { Redis, Result } from 'ioredis';

export const PREFIX = 'parley:';

/** Inbox entries kept for a peer, at most: few while detached (what a resume needs), more while read. */
const INBOX_DETACHED = 256;
const INBOX_ATTACHED = 4096;

/** What every script shares; `maxHeldBytes` caps what waits for one detached peer. */
const common = (maxHeldBytes: number): string => `
local P = '${PREFIX}'
local function deliver(peer, text)
  local sk = P..'s:'..peer
  local inst = redis.call('HGET', sk, 'inst')
  if not inst then return end
  if inst == '' then
    -- Kept for its resume, within its byte budget: past it, newer messages are dropped (a
    -- resumed engine renegotiates what it missed).
    if redis.call('HINCRBY', sk, 'held', #text) > ${maxHeldBytes} then
      redis.call('HINCRBY', sk, 'held', -#text)
      return
    end
  end
  local cap = inst == '' and ${INBOX_DETACHED} or ${INBOX_ATTACHED}
  redis.call('XADD', P..'in:'..peer, 'MAXLEN', cap, '*', 't', text)
  if inst ~= '' then redis.call('PUBLISH', P..'i:'..inst, 'd '..peer) end
end
local function admits(room, peer)
  return redis.call('HEXISTS', P..'rm:'..room, peer) == 1 or redis.call('HGET', P..'r:'..room, 'inv') == peer
end
local function others(room, peer)
  local out = {}
  local members = redis.call('HGETALL', P..'rm:'..room)
  for i = 1, #members, 2 do
    if members[i] ~= peer then out[#out + 1] = members[i]; out[#out + 1] = members[i + 1] end
  end
  return out
end
-- Removes peer from room and tells the others with text; the room goes once nobody is in or invited.
local function leave(room, peer, text)
  if redis.call('HDEL', P..'rm:'..room, peer) == 0 then return 0 end
  redis.call('SREM', P..'sr:'..peer, room)
  local rest = redis.call('HKEYS', P..'rm:'..room)
  for _, other in ipairs(rest) do deliver(other, text) end
  local inv = redis.call('HGET', P..'r:'..room, 'inv')
  if #rest == 0 and (not inv or inv == '') then redis.call('DEL', P..'r:'..room, P..'rm:'..room) end
  return 1
end
-- Tells peer 'to' the call with 'other' is now in 'state'; rid and ice only when given.
-- ice is JSON spliced in as it is: cjson would turn an empty list into an object.
local function withIce(json, ice)
  if not ice then return json end
  return string.sub(json, 1, -2)..',"iceServers":'..ice..'}'
end
local function callNotice(to, other, id, state, room, rid, ice)
  local name = redis.call('HGET', P..'s:'..other, 'name') or ''
  deliver(to, withIce(cjson.encode({v = 1, type = 'call', rid = rid, callId = id, state = state,
    peer = {peerId = other, name = name}, room = room}), ice))
end
-- Ends a ringing call: its room goes, both sides hear how it ended (the one who ended it, with rid).
local function endCall(id, state, actor, rid)
  local ck = P..'c:'..id
  local c = redis.call('HMGET', ck, 'caller', 'callee', 'room')
  if not c[1] then return 0 end
  local caller, callee, room = c[1], c[2], c[3]
  redis.call('DEL', ck)
  redis.call('ZREM', P..'rings', id)
  if redis.call('HGET', P..'s:'..caller, 'out') == id then redis.call('HSET', P..'s:'..caller, 'out', '') end
  redis.call('SREM', P..'inc:'..callee, id)
  redis.call('SREM', P..'sr:'..caller, room)
  redis.call('DEL', P..'r:'..room, P..'rm:'..room)
  callNotice(caller, callee, id, state, room, actor == caller and rid or nil)
  callNotice(callee, caller, id, state, room, actor == callee and rid or nil)
  return 1
end
-- The peer is gone for good: its rooms hear why, the directory hears it left, nothing of it stays.
local function finish(peer, reason)
  local sk = P..'s:'..peer
  local s = redis.call('HMGET', sk, 'tok', 'prev', 'inst', 'out')
  if not s[1] then return 0 end
  if s[4] and s[4] ~= '' then endCall(s[4], 'cancelled') end
  for _, id in ipairs(redis.call('SMEMBERS', P..'inc:'..peer)) do endCall(id, 'cancelled') end
  for _, room in ipairs(redis.call('SMEMBERS', P..'sr:'..peer)) do
    leave(room, peer, cjson.encode({v = 1, type = 'peer-left', room = room, peerId = peer, reason = reason}))
  end
  if redis.call('HDEL', P..'dir', peer) == 1 then
    redis.call('PUBLISH', P..'dir', peer..' '..cjson.encode({v = 1, type = 'offline', peerId = peer}))
  end
  redis.call('DEL', sk, P..'sr:'..peer, P..'in:'..peer, P..'inc:'..peer, P..'t:'..s[1])
  if s[2] and s[2] ~= '' then redis.call('DEL', P..'t:'..s[2]) end
  if s[3] and s[3] ~= '' then redis.call('SREM', P..'is:'..s[3], peer) end
  redis.call('ZREM', P..'graces', peer)
  return 1
end
`;

/** name → [number of arguments, Lua body]; every script takes its arguments in ARGV. */
const SCRIPTS = {
  /** peer, room, to, text → 0 delivered, 1 sender not in the room, 2 receiver not in it. */
  parleyRelay: `
local room, from, to = ARGV[1], ARGV[2], ARGV[3]
if not admits(room, from) then return 1 end
if from == to or not admits(room, to) then return 2 end
deliver(to, ARGV[4])
return 0`,
  /**
   * room, peer, name, max seats, max rooms, create ('1'/'0'), password JSON ('' none), joined text
   * → {'ok', peer, name, …} (the others), or one word: in (already), changed (the password is not
   * the one checked), gone, call, rooms (too many), full, ended (the session is gone).
   */
  parleyEnter: `
local room, peer = ARGV[1], ARGV[2]
local rk, mk = P..'r:'..room, P..'rm:'..room
if redis.call('EXISTS', P..'s:'..peer) == 0 then return {'ended'} end
if redis.call('HEXISTS', mk, peer) == 1 then return {'in'} end
local r = redis.call('HMGET', rk, 'pw', 'inv', 'call')
if r[1] then
  if r[1] ~= ARGV[7] then return {'changed'} end
  if r[3] and r[3] ~= '' then return {'call'} end
elseif ARGV[6] == '1' then
  redis.call('HSET', rk, 'pw', ARGV[7], 'inv', '')
  r = {ARGV[7], ''}
else
  return {'gone'}
end
if redis.call('SCARD', P..'sr:'..peer) >= tonumber(ARGV[5]) then return {'rooms'} end
local seats = redis.call('HLEN', mk) + ((r[2] and r[2] ~= '') and 1 or 0)
if seats >= tonumber(ARGV[4]) then return {'full'} end
local out = others(room, peer)
for i = 1, #out, 2 do deliver(out[i], ARGV[8]) end
redis.call('HSET', mk, peer, ARGV[3])
redis.call('SADD', P..'sr:'..peer, room)
table.insert(out, 1, 'ok')
return out`,
  /** room, peer → {peer, name, …}: the room's members but `peer`. */
  parleyMembers: `return others(ARGV[1], ARGV[2])`,
  /** room, peer, left text → 1 left (a ringing call's caller: cancelled it), 0 was not a member. */
  parleyLeave: `
local call = redis.call('HGET', P..'r:'..ARGV[1], 'call')
if call and call ~= '' then
  if redis.call('HGET', P..'c:'..call, 'caller') ~= ARGV[2] then return 0 end
  return endCall(call, 'cancelled')
end
return leave(ARGV[1], ARGV[2], ARGV[3])`,
  /**
   * used token hash, new token hash, instance → nil (unknown token), or
   * {peer, name, instance that held it ('' none), room, …}. The used token becomes the previous one.
   */
  parleyClaim: `
local peer = redis.call('GET', P..'t:'..ARGV[1])
if not peer then return false end
local sk = P..'s:'..peer
local s = redis.call('HMGET', sk, 'name', 'tok', 'prev', 'inst')
if not s[1] then return false end
if s[3] ~= '' then redis.call('DEL', P..'t:'..s[3]) end
redis.call('HSET', sk, 'prev', s[2], 'tok', ARGV[2], 'inst', ARGV[3], 'held', 0)
redis.call('SET', P..'t:'..ARGV[2], peer)
redis.call('ZREM', P..'graces', peer)
if s[4] ~= '' then redis.call('SREM', P..'is:'..s[4], peer) end
redis.call('SADD', P..'is:'..ARGV[3], peer)
local out = {peer, s[1], s[4]}
for _, room in ipairs(redis.call('SMEMBERS', P..'sr:'..peer)) do out[#out + 1] = room end
return out`,
  /** peer, instance → the previous token stops working (the client has its new one). */
  parleyForget: `
local sk = P..'s:'..ARGV[1]
local s = redis.call('HMGET', sk, 'prev', 'inst')
if not s[1] or s[1] == '' or s[2] ~= ARGV[2] then return 0 end
redis.call('DEL', P..'t:'..s[1])
redis.call('HSET', sk, 'prev', '')
return 1`,
  /** peer, instance, grace end ms → 1 when this instance held it and it now waits for a resume. */
  parleyDetach: `
local sk = P..'s:'..ARGV[1]
if redis.call('HGET', sk, 'inst') ~= ARGV[2] then return 0 end
redis.call('HSET', sk, 'inst', '')
redis.call('SREM', P..'is:'..ARGV[2], ARGV[1])
redis.call('ZADD', P..'graces', ARGV[3], ARGV[1])
return 1`,
  /** peer, instance, reason → ends the session now if this instance holds it. */
  parleyEnd: `
if redis.call('HGET', P..'s:'..ARGV[1], 'inst') ~= ARGV[2] then return 0 end
return finish(ARGV[1], ARGV[3])`,
  /**
   * peer, instance, count → false when another instance holds the peer, else {cursor before,
   * cursor after, text, …}: the next inbox entries, the cursor moved past them.
   */
  parleyDrain: `
local sk, ik = P..'s:'..ARGV[1], P..'in:'..ARGV[1]
local s = redis.call('HMGET', sk, 'inst', 'cur')
if s[1] ~= ARGV[2] then return false end
local entries = redis.call('XRANGE', ik, '('..s[2], '+', 'COUNT', ARGV[3])
if #entries == 0 then return {s[2], s[2]} end
local last = entries[#entries][1]
redis.call('HSET', sk, 'cur', last)
-- Entries before the previous cursor were read in an earlier drain: nothing needs them now.
redis.call('XTRIM', ik, 'MINID', s[2])
local out = {s[2], last}
for _, entry in ipairs(entries) do out[#out + 1] = entry[2][2] end
return out`,
  /** peer, cursor before, cursor after → a drain whose socket had closed is read again on resume. */
  parleyRewind: `
local sk = P..'s:'..ARGV[1]
if redis.call('HGET', sk, 'cur') ~= ARGV[3] then return 0 end
redis.call('HSET', sk, 'cur', ARGV[2])
return 1`,
  /**
   * bucket key, tokens per second, burst → 1 when a token was taken, 0 when the bucket is empty.
   * A token bucket shared by every instance, on Redis's clock; forgotten once it would be full.
   */
  parleyTake: `
local key, perSecond, burst = P..'rl:'..ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local b = redis.call('HMGET', key, 'tokens', 'at')
local tokens = math.min(burst, (tonumber(b[1]) or burst) + (now - (tonumber(b[2]) or now)) * perSecond / 1000)
local taken = 0
if tokens >= 1 then tokens = tokens - 1; taken = 1 end
redis.call('HSET', key, 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', key, math.ceil((burst - tokens) * 1000 / perSecond) + 1000)
return taken`,
  /** peer, name, '1' listed / '0' not, online or offline text → 1 when that changed. */
  parleyVisible: `
local sk = P..'s:'..ARGV[1]
if redis.call('EXISTS', sk) == 0 then return 0 end
local changed
if ARGV[3] == '1' then changed = redis.call('HSET', P..'dir', ARGV[1], ARGV[2])
else changed = redis.call('HDEL', P..'dir', ARGV[1]) end
if changed == 1 then redis.call('PUBLISH', P..'dir', ARGV[1]..' '..ARGV[4]) end
return changed`,
  /**
   * instance, now ms, ms after which a silent instance is dead, grace ms, '1' when this instance
   * retires, '1' when it may judge others (it was not cut off from Redis itself lately) →
   * {sessions ended, 1 when this instance had been taken for dead}. Sessions of dead instances
   * start their grace period; those whose grace ended are ended; rings past their time end.
   */
  parleySweep: `
local now = tonumber(ARGV[2])
local missing = redis.call('ZSCORE', P..'instances', ARGV[1]) == false and 1 or 0
redis.call('ZADD', P..'instances', ARGV[5] == '1' and 0 or now, ARGV[1])
local dead = {}
if ARGV[6] == '1' or ARGV[5] == '1' then
  dead = redis.call('ZRANGEBYSCORE', P..'instances', '-inf', now - tonumber(ARGV[3]))
end
for _, gone in ipairs(dead) do
  for _, peer in ipairs(redis.call('SMEMBERS', P..'is:'..gone)) do
    local sk = P..'s:'..peer
    if redis.call('HGET', sk, 'inst') == gone then
      redis.call('HSET', sk, 'inst', '')
      redis.call('ZADD', P..'graces', now + tonumber(ARGV[4]), peer)
    end
  end
  redis.call('DEL', P..'is:'..gone)
  redis.call('ZREM', P..'instances', gone)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P..'rings', '-inf', now, 'LIMIT', 0, 500)) do
  endCall(id, 'timeout')
end
local ended = 0
for _, peer in ipairs(redis.call('ZRANGEBYSCORE', P..'graces', '-inf', now, 'LIMIT', 0, 500)) do
  redis.call('ZREM', P..'graces', peer)
  if redis.call('HGET', P..'s:'..peer, 'inst') == '' then ended = ended + finish(peer, 'disconnected') end
end
return {ended, missing}`,
  /**
   * instance, peer, … → the peers held elsewhere now (or ended). An instance taken for dead
   * while it was alive takes its sockets' sessions back, unless they resumed elsewhere meanwhile.
   */
  parleyReattach: `
local lost = {}
for i = 2, #ARGV do
  local peer = ARGV[i]
  local sk = P..'s:'..peer
  local inst = redis.call('HGET', sk, 'inst')
  if inst == '' then
    redis.call('HSET', sk, 'inst', ARGV[1], 'held', 0)
    redis.call('ZREM', P..'graces', peer)
    redis.call('SADD', P..'is:'..ARGV[1], peer)
  elseif inst ~= ARGV[1] then
    lost[#lost + 1] = peer
  end
end
return lost`,
} as const;

type Arg = string | number;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    parleyRelay(room: string, from: string, to: string, text: string): Result<number, Context>;
    parleyEnter(...args: Arg[]): Result<string[], Context>;
    parleyMembers(room: string, peer: string): Result<string[], Context>;
    parleyLeave(room: string, peer: string, text: string): Result<number, Context>;
    parleyClaim(used: string, next: string, instance: string): Result<string[] | null, Context>;
    parleyForget(peer: string, instance: string): Result<number, Context>;
    parleyDetach(peer: string, instance: string, graceEndMs: number): Result<number, Context>;
    parleyEnd(peer: string, instance: string, reason: string): Result<number, Context>;
    parleyDrain(peer: string, instance: string, count: number): Result<string[] | null, Context>;
    parleyRewind(peer: string, before: string, after: string): Result<number, Context>;
    parleyTake(key: string, perSecond: number, burst: number): Result<number, Context>;
    parleyVisible(peer: string, name: string, listed: string, text: string): Result<number, Context>;
    parleySweep(...args: Arg[]): Result<[number, number], Context>;
    parleyReattach(instance: string, ...peers: string[]): Result<string[], Context>;
  }
}

/** Registers scripts as commands (EVALSHA, falling back to EVAL after a Redis restart). */
export function defineScripts(
  redis: Redis,
  maxHeldBytes: number,
  scripts: Record<string, string> = SCRIPTS,
): void {
  const prelude = common(maxHeldBytes);
  for (const [name, body] of Object.entries(scripts)) {
    redis.defineCommand(name, { numberOfKeys: 0, lua: prelude + body });
  }
}
