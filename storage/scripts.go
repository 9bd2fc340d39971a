package storage

import "github.com/redis/go-redis/v9"

// The Lua scripts that read or change a brief, its leases and the global indexes. Each runs
// atomically in one slot, checks everything before its first write (so a refused call writes
// nothing) and, with the shebang, is refused up front with OOM when Redis is full, except those
// flagged no-writes or allow-oom (they only read, delete or shorten).
type scripts struct {
	read, history                  *redis.Script
	create, mutate, extend, remove *redis.Script
	acquire, renew, release        *redis.Script
	indexSync, indexRemove         *redis.Script
}

func newScripts() scripts {
	return scripts{
		read:        redis.NewScript(readLua),
		history:     redis.NewScript(historyLua),
		create:      redis.NewScript(createLua),
		mutate:      redis.NewScript(deriveLua + mutateLua),
		extend:      redis.NewScript(extendLua),
		remove:      redis.NewScript(removeLua),
		acquire:     redis.NewScript(acquireLua),
		renew:       redis.NewScript(renewLua),
		release:     redis.NewScript(releaseLua),
		indexSync:   redis.NewScript(indexSyncLua),
		indexRemove: redis.NewScript(indexRemoveLua),
	}
}

// readLua reads a brief's summary and files together: KEYS meta, files. A script rather than
// MULTI, because Redis refuses commands queued in MULTI when it is full, and a full store must still
// serve reads.
const readLua = `#!lua flags=no-writes
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
`

// historyLua reads whether a brief exists and a file's history: KEYS meta, history. ARGV last index.
const historyLua = `#!lua flags=no-writes
return {redis.call('EXISTS', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, ARGV[1])}
`

// createLua makes a brief: KEYS meta, files. ARGV op, ttl ms, now ms, max brief bytes, field count,
// fields (name, value)..., then files (name, codec+payload)... A retried call (same op) that already
// succeeded reports success again instead of a collision.
const createLua = `#!lua
local meta, files = KEYS[1], KEYS[2]
local op, ttl, now, maxb = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
if redis.call('EXISTS', meta) == 1 then
  if redis.call('HGET', meta, 'op') == op then return {'OK'} end
  return {'EXISTS'}
end
local nf = tonumber(ARGV[5])
local fields = {'op', op}
local i = 6
for _ = 1, nf do
  fields[#fields+1] = ARGV[i]; fields[#fields+1] = ARGV[i+1]; i = i + 2
end
local vals, total, n = {}, 0, 0
while i <= #ARGV do
  local v = '1:' .. now .. ':' .. ARGV[i+1]
  vals[#vals+1] = ARGV[i]; vals[#vals+1] = v
  total = total + #v; n = n + 1; i = i + 2
end
if total > maxb then return {'TOOLARGE', total} end
fields[#fields+1] = 'bytes'; fields[#fields+1] = total
fields[#fields+1] = 'hbytes'; fields[#fields+1] = 0
fields[#fields+1] = 'versions'; fields[#fields+1] = n
redis.call('HSET', meta, unpack(fields))
redis.call('PEXPIRE', meta, ttl)
if n > 0 then
  redis.call('HSET', files, unpack(vals))
  redis.call('PEXPIRE', files, ttl)
end
return {'OK'}
`

// deriveLua computes a brief's overall status from its section statuses: generating while any is
// queued or running, failed if any failed, done otherwise.
const deriveLua = `#!lua
local function derive(meta)
  local all = redis.call('HGETALL', meta)
  local active, failed = false, false
  for j = 1, #all, 2 do
    if string.sub(all[j], 1, 7) == 'status:' then
      local v = all[j+1]
      if v == 'queued' or v == 'running' then active = true elseif v == 'failed' then failed = true end
    end
  end
  if active then return 'generating' end
  if failed then return 'failed' end
  return 'done'
end
`

// mutateLua writes one file (compare-and-set on its version) and/or summary fields of one brief.
// KEYS meta, files, history of the file. ARGV name (” for fields only), expected version (-1 any),
// codec+payload, now ms, max brief bytes, history length, op, field count, fields (name, value)...
// The previous value of the file moves to its history. The brief's expiry is never touched except
// to give keys created here the brief's expiry time.
const mutateLua = `
local meta, files, hist = KEYS[1], KEYS[2], KEYS[3]
local name, expect, payload, now = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local maxb, hmax, op, nf = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])
if redis.call('EXISTS', meta) == 0 then return {'NOTFOUND'} end
local version, stored, old, newBytes = 0, nil, nil, 0
local applied = false
if name ~= '' then
  old = redis.call('HGET', files, name)
  local cur = 0
  if old then cur = tonumber(string.match(old, '^(%d+):')) or 0 end
  if redis.call('HGET', meta, 'op:' .. name) == op then
    applied = true
    version = cur
  else
    if expect >= 0 and expect ~= cur then return {'CONFLICT', cur} end
    version = cur + 1
    stored = version .. ':' .. now .. ':' .. payload
    newBytes = (tonumber(redis.call('HGET', meta, 'bytes')) or 0) - (old and #old or 0) + #stored
    if newBytes > maxb then return {'TOOLARGE', newBytes} end
  end
end
if stored then
  local exp = redis.call('PEXPIRETIME', meta)
  local hb = tonumber(redis.call('HGET', meta, 'hbytes')) or 0
  redis.call('HSET', files, name, stored)
  if exp > 0 then redis.call('PEXPIREAT', files, exp) end
  if old then
    redis.call('LPUSH', hist, old)
    hb = hb + #old
    for _, d in ipairs(redis.call('LRANGE', hist, hmax, -1)) do hb = hb - #d end
    redis.call('LTRIM', hist, 0, hmax - 1)
    if exp > 0 then redis.call('PEXPIREAT', hist, exp) end
  end
  redis.call('HSET', meta, 'bytes', newBytes, 'hbytes', hb, 'op:' .. name, op)
  redis.call('HINCRBY', meta, 'versions', 1)
end
local touched = false
if nf > 0 and not applied then
  local args = {}
  for j = 0, nf - 1 do
    local k, v = ARGV[9 + 2*j], ARGV[10 + 2*j]
    args[#args+1] = k; args[#args+1] = v
    if string.sub(k, 1, 7) == 'status:' then
      touched = true
      args[#args+1] = 'since:' .. string.sub(k, 8); args[#args+1] = now
    end
  end
  redis.call('HSET', meta, unpack(args))
end
if stored or (nf > 0 and not applied) then redis.call('HINCRBY', meta, 'seq', 1) end
local before = redis.call('HGET', meta, 'status') or ''
local status = before
if touched then
  status = derive(meta)
  if status ~= before then redis.call('HSET', meta, 'status', status) end
end
local r = redis.call('HMGET', meta, 'created', 'exp', 'owner', 'sector', 'bytes', 'hbytes', 'seq')
return {'OK', version, status, before, r[1] or '0', r[2] or '0', r[3] or '', r[4] or '', r[5] or '0', r[6] or '0', r[7] or '0'}
`

// extendLua gives every key of a brief (leases keep their own) the same new expiry, ttl ms from
// now. KEYS meta, files. ARGV ttl ms, expiry unix ms for the summary, history key prefix.
const extendLua = `#!lua flags=allow-oom
local meta, files = KEYS[1], KEYS[2]
local ttl, expms, hp = tonumber(ARGV[1]), ARGV[2], ARGV[3]
if redis.call('EXISTS', meta) == 0 then return {'NOTFOUND'} end
redis.call('PEXPIRE', meta, ttl)
redis.call('HSET', meta, 'exp', expms)
redis.call('HINCRBY', meta, 'seq', 1)
local exp = redis.call('PEXPIRETIME', meta)
redis.call('PEXPIREAT', files, exp)
for _, name in ipairs(redis.call('HKEYS', files)) do
  redis.call('PEXPIREAT', hp .. name, exp)
end
local r = redis.call('HMGET', meta, 'created', 'status', 'owner', 'sector', 'bytes', 'hbytes', 'seq')
return {'OK', r[1] or '0', r[2] or '', r[3] or '', r[4] or '', r[5] or '0', r[6] or '0', r[7] or '0'}
`

// removeLua deletes a brief: KEYS meta, files. ARGV history key prefix, lease key prefix.
const removeLua = `#!lua flags=allow-oom
local meta, files = KEYS[1], KEYS[2]
local hp, lp = ARGV[1], ARGV[2]
if redis.call('EXISTS', meta) == 0 then return {'NOTFOUND'} end
local owner = redis.call('HGET', meta, 'owner') or ''
for _, name in ipairs(redis.call('HKEYS', files)) do redis.call('DEL', hp .. name) end
for _, f in ipairs(redis.call('HKEYS', meta)) do
  if string.sub(f, 1, 7) == 'status:' then redis.call('DEL', lp .. string.sub(f, 8)) end
end
redis.call('DEL', meta, files)
return {'OK', owner}
`

// acquireLua takes a section's lease: KEYS meta, lease. ARGV holder, ttl ms. The holder may take
// it again (renewing it); anyone else gets 0 while it lives.
const acquireLua = `#!lua
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local cur = redis.call('GET', KEYS[2])
if cur == ARGV[1] then redis.call('PEXPIRE', KEYS[2], ARGV[2]); return 1 end
if cur then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1
`

// renewLua extends a lease its holder still has: KEYS meta, lease. ARGV holder, ttl ms.
const renewLua = `#!lua flags=allow-oom
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`

// releaseLua drops a lease, only for its holder: KEYS lease. ARGV holder.
const releaseLua = `#!lua flags=allow-oom
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`

// indexSyncLua makes the global indexes say what the brief says at sequence number seq (which
// every change of the brief increments). It sets absolute values and ignores a state older than
// the one already applied, so calls that run twice, late or out of order converge on the newest.
// KEYS all, exp, st:generating, st:done, st:failed, rec, bytes, sec:<sector>.
// ARGV id, created ms, expiry ms, status, stored bytes, owner, sector, sector key prefix, seq.
const indexSyncLua = `#!lua
local id, created, exp, status = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local total, owner, sector, sp, seq = tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
local old = redis.call('HGET', KEYS[6], id)
local oldBytes = 0
if old then
  local q, b, o, s = string.match(old, '^(%d+)|(%d+)|([^|]*)|(.*)$')
  if tonumber(q) and tonumber(q) > seq then return 0 end
  oldBytes = tonumber(b) or 0
  if s and s ~= sector then redis.call('ZREM', sp .. s, id) end
end
redis.call('ZADD', KEYS[1], created, id)
redis.call('ZADD', KEYS[2], exp, id)
local statuses = {'generating', 'done', 'failed'}
for j = 1, 3 do
  if statuses[j] == status then redis.call('ZADD', KEYS[2+j], created, id)
  else redis.call('ZREM', KEYS[2+j], id) end
end
redis.call('ZADD', KEYS[8], created, id)
redis.call('HSET', KEYS[6], id, seq .. '|' .. total .. '|' .. owner .. '|' .. sector)
if total ~= oldBytes then redis.call('INCRBY', KEYS[7], total - oldBytes) end
return 1
`

// indexRemoveLua takes a brief out of every global index and returns its owner (or ”) so the
// caller can clear the owner's index. KEYS all, exp, st:generating, st:done, st:failed, rec, bytes.
// ARGV id, sector key prefix.
const indexRemoveLua = `#!lua flags=allow-oom
local id, sp = ARGV[1], ARGV[2]
for j = 1, 5 do redis.call('ZREM', KEYS[j], id) end
local rec = redis.call('HGET', KEYS[6], id)
if not rec then return '' end
local q, b, o, s = string.match(rec, '^(%d+)|(%d+)|([^|]*)|(.*)$')
if s then redis.call('ZREM', sp .. s, id) end
redis.call('HDEL', KEYS[6], id)
if tonumber(b) and tonumber(b) ~= 0 then redis.call('DECRBY', KEYS[7], tonumber(b)) end
return o or ''
`
