/**
 * Ringing across instances, as Lua scripts (the keys are described in redis-scripts.ts): a ring,
 * its answer and its cancel each run atomically, so a ring and a cancel that cross end the call
 * once, and an answer never finds half a call.
 */
import type { Result } from 'ioredis';

export const CALL_SCRIPTS = {
  /**
   * caller, callee, call id, room id, caller address, max ringing the callee, max of those from
   * one address, max rooms, timeout ms, caller's ICE JSON, callee's ICE JSON, rid, room for busy →
   * ok, busy (the caller heard so), notfound, here, many, rooms.
   */
  parleyRing: `
local caller, callee, id, room, addr = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local rid = ARGV[12] ~= '' and ARGV[12] or nil
if caller == callee or redis.call('EXISTS', P..'s:'..callee) == 0 then return 'notfound' end
-- Only people listed in the directory, or sharing a room with the caller, can be rung.
local reachable = redis.call('HEXISTS', P..'dir', callee) == 1
if not reachable then
  for _, r in ipairs(redis.call('SMEMBERS', P..'sr:'..caller)) do
    if redis.call('HEXISTS', P..'rm:'..r, callee) == 1 then reachable = true; break end
  end
end
if not reachable then return 'notfound' end
local out = redis.call('HGET', P..'s:'..caller, 'out')
if out and out ~= '' then endCall(out, 'cancelled') end
-- Busy means in a call they accepted; calls that merely ring them never make them busy.
for _, r in ipairs(redis.call('SMEMBERS', P..'sr:'..callee)) do
  if redis.call('HLEN', P..'rm:'..r) > 1 then
    callNotice(caller, callee, id, 'busy', ARGV[13], rid)
    return 'busy'
  end
end
local incoming = redis.call('SMEMBERS', P..'inc:'..callee)
local fromHere = 0
for _, other in ipairs(incoming) do
  if redis.call('HGET', P..'c:'..other, 'addr') == addr then fromHere = fromHere + 1 end
end
if fromHere >= tonumber(ARGV[7]) then return 'here' end
if #incoming >= tonumber(ARGV[6]) then return 'many' end
if redis.call('SCARD', P..'sr:'..caller) >= tonumber(ARGV[8]) then return 'rooms' end
redis.call('HSET', P..'c:'..id, 'caller', caller, 'callee', callee, 'room', room, 'addr', addr)
redis.call('ZADD', P..'rings', ARGV[9], id)
redis.call('HSET', P..'r:'..room, 'pw', '', 'inv', callee, 'call', id)
redis.call('HSET', P..'rm:'..room, caller, redis.call('HGET', P..'s:'..caller, 'name'))
redis.call('SADD', P..'sr:'..caller, room)
redis.call('HSET', P..'s:'..caller, 'out', id)
redis.call('SADD', P..'inc:'..callee, id)
callNotice(caller, callee, id, 'ringing', room, rid, ARGV[10])
callNotice(callee, caller, id, 'incoming', room, nil, ARGV[11])
return 'ok'`,
  /**
   * callee, call id, '1' accept / '0' decline, max rooms, rid, max participants, callee's ICE
   * JSON → {ok, room}, {declined}, {notfound} or {rooms}. Accepted: both hear
   * it, the callee joins the room, and every other call ringing it ends busy.
   */
  parleyAnswer: `
local callee, id = ARGV[1], ARGV[2]
local rid = ARGV[5] ~= '' and ARGV[5] or nil
local c = redis.call('HMGET', P..'c:'..id, 'caller', 'callee', 'room')
if not c[1] or c[2] ~= callee then return {'notfound'} end
if ARGV[3] ~= '1' then
  endCall(id, 'declined', callee, rid)
  return {'declined'}
end
if redis.call('SCARD', P..'sr:'..callee) >= tonumber(ARGV[4]) then return {'rooms'} end
local caller, room = c[1], c[3]
redis.call('DEL', P..'c:'..id)
redis.call('ZREM', P..'rings', id)
if redis.call('HGET', P..'s:'..caller, 'out') == id then redis.call('HSET', P..'s:'..caller, 'out', '') end
redis.call('SREM', P..'inc:'..callee, id)
redis.call('HSET', P..'r:'..room, 'inv', '', 'call', '')
callNotice(caller, callee, id, 'accepted', room)
callNotice(callee, caller, id, 'accepted', room, rid)
local name = redis.call('HGET', P..'s:'..callee, 'name')
local joined = cjson.encode({v = 1, type = 'peer-joined', room = room, peer = {peerId = callee, name = name}})
local members = {}
local mates = others(room, callee)
for i = 1, #mates, 2 do
  deliver(mates[i], joined)
  members[#members + 1] = {peerId = mates[i], name = mates[i + 1]}
end
redis.call('HSET', P..'rm:'..room, callee, name)
redis.call('SADD', P..'sr:'..callee, room)
deliver(callee, withIce(cjson.encode({v = 1, type = 'joined', room = room, members = members,
  maxParticipants = tonumber(ARGV[6])}), ARGV[7]))
for _, other in ipairs(redis.call('SMEMBERS', P..'inc:'..callee)) do endCall(other, 'busy') end
return {'ok', room}`,
  /** caller, call id, rid → 1 cancelled, 0 no such call of this caller. */
  parleyCancel: `
if redis.call('HGET', P..'c:'..ARGV[2], 'caller') ~= ARGV[1] then return 0 end
return endCall(ARGV[2], 'cancelled', ARGV[1], ARGV[3] ~= '' and ARGV[3] or nil)`,
};

type Arg = string | number;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    parleyRing(...args: Arg[]): Result<string, Context>;
    parleyAnswer(...args: Arg[]): Result<string[], Context>;
    parleyCancel(caller: string, callId: string, rid: string): Result<number, Context>;
  }
}
