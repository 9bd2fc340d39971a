package storage

import "github.com/redis/go-redis/v9"

// The Lua scripts that change a brief, its leases and the global indexes. Each runs atomically in
// one slot, checks everything before its first write (so a refused call writes nothing) and, with
// the shebang, is refused up front with OOM when Redis is full, except those flagged allow-oom
// because they only delete or shorten. Reads need no script: a file is one string key.
type scripts struct {
	create, mutate, extend, remove *redis.Script
	acquire, renew, release        *redis.Script
	indexSync, indexRemove         *redis.Script
}

func newScripts() scripts {
	return scripts{
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

// A brief's summary hash keeps, for each file NAME, its current version (v:NAME), the stored size
// of that version (z:NAME) and the id of the call that wrote it (op:NAME). The current value is the
// string key f:NAME; a previous version V is h:NAME:V, renamed from f:NAME when V was replaced, so
// keeping history copies nothing. Every key of the brief expires at the summary's exp field.

// createLua makes a brief: KEYS meta. ARGV op, expiry unix ms, max brief bytes, file key prefix,
// field count, fields (name, value)..., then files (name, stored value with its version-1 header)...
// A retried call (same op) that already succeeded reports success again instead of a collision.
const createLua = `#!lua
local meta = KEYS[1]
local op, exp, maxb, fp, nf = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
if redis.call('EXISTS', meta) == 1 then
  if redis.call('HGET', meta, 'op') == op then return {'OK'} end
  return {'EXISTS'}
end
local fields = {'op', op, 'exp', exp}
local i = 6
for _ = 1, nf do
  fields[#fields+1] = ARGV[i]; fields[#fields+1] = ARGV[i+1]; i = i + 2
end
local first, total, n = i, 0, 0
for j = first, #ARGV, 2 do
  local name, v = ARGV[j], ARGV[j+1]
  fields[#fields+1] = 'v:' .. name; fields[#fields+1] = 1
  fields[#fields+1] = 'z:' .. name; fields[#fields+1] = #v
  total = total + #v; n = n + 1
end
if total > maxb then return {'TOOLARGE', total} end
fields[#fields+1] = 'bytes'; fields[#fields+1] = total
fields[#fields+1] = 'hbytes'; fields[#fields+1] = 0
fields[#fields+1] = 'versions'; fields[#fields+1] = n
redis.call('HSET', meta, unpack(fields))
redis.call('PEXPIREAT', meta, exp)
for j = first, #ARGV, 2 do redis.call('SET', fp .. ARGV[j], ARGV[j+1], 'PXAT', exp) end
return {'OK'}
`

// deriveLua computes a brief's overall status from its section statuses in m (field -> value):
// generating while any is queued or running, failed if any failed, done otherwise.
const deriveLua = `#!lua
local function derive(m)
  local active, failed = false, false
  for k, v in pairs(m) do
    if string.sub(k, 1, 7) == 'status:' then
      if v == 'queued' or v == 'running' then active = true elseif v == 'failed' then failed = true end
    end
  end
  if active then return 'generating' end
  if failed then return 'failed' end
  return 'done'
end
`

// mutateLua writes one file (compare-and-set on its version) and/or summary fields of one brief.
// KEYS meta, the file's key. ARGV name (empty for fields only), expected version (-1 any), value,
// whether the value has its header (the caller knows the version when it expects one; otherwise
// this script prepends it), now ms, max brief bytes, history length, op, history key prefix
// (h:NAME:), field count, fields (name, value)... It is on every write, so it makes few calls:
// one read of the summary, one rename into history, one write of the file and of the summary.
const mutateLua = `
local meta, cur = KEYS[1], KEYS[2]
local name, expect, value, prebuilt, now = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local maxb, hmax, op, hp, nf = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8], ARGV[9], tonumber(ARGV[10])
local touched = false
for j = 0, nf - 1 do
  if string.sub(ARGV[11 + 2*j], 1, 7) == 'status:' then touched = true end
end
local m = {}
if touched then
  local all = redis.call('HGETALL', meta)
  for j = 1, #all, 2 do m[all[j]] = all[j+1] end
else
  local want = {'owner', 'created', 'exp', 'sector', 'status', 'bytes', 'hbytes', 'versions', 'seq',
    'v:' .. name, 'z:' .. name, 'op:' .. name}
  local r = redis.call('HMGET', meta, unpack(want))
  for j = 1, #want do if r[j] then m[want[j]] = r[j] end end
end
if not m['owner'] then return {'NOTFOUND'} end
local set = {}
local version, write, applied = 0, false, false
local bytes, hb = tonumber(m['bytes']) or 0, tonumber(m['hbytes']) or 0
local curv = 0
if name ~= '' then
  curv = tonumber(m['v:' .. name]) or 0
  if m['op:' .. name] == op then
    applied, version = true, curv
  else
    if expect >= 0 and expect ~= curv then return {'CONFLICT', curv} end
    version, write = curv + 1, true
    if prebuilt == '0' then value = version .. ':' .. now .. ':' .. value end
    bytes = bytes - (tonumber(m['z:' .. name]) or 0) + #value
    if bytes > maxb then return {'TOOLARGE', bytes} end
  end
end
if write then
  if curv > 0 then
    redis.call('RENAME', cur, hp .. curv)
    hb = hb + (tonumber(m['z:' .. name]) or 0)
    if curv - hmax >= 1 then
      local drop = hp .. (curv - hmax)
      hb = hb - redis.call('STRLEN', drop)
      redis.call('DEL', drop)
    end
  end
  redis.call('SET', cur, value, 'PXAT', m['exp'])
  set = {'v:' .. name, version, 'z:' .. name, #value, 'op:' .. name, op, 'bytes', bytes, 'hbytes', hb,
    'versions', (tonumber(m['versions']) or 0) + 1}
end
local before = m['status'] or ''
local status = before
if nf > 0 and not applied then
  for j = 0, nf - 1 do
    local k, v = ARGV[11 + 2*j], ARGV[12 + 2*j]
    set[#set+1] = k; set[#set+1] = v
    if string.sub(k, 1, 7) == 'status:' then
      m[k] = v
      set[#set+1] = 'since:' .. string.sub(k, 8); set[#set+1] = now
    end
  end
  if touched then
    status = derive(m)
    if status ~= before then set[#set+1] = 'status'; set[#set+1] = status end
  end
end
local seq = tonumber(m['seq']) or 0
if #set > 0 then
  seq = seq + 1
  set[#set+1] = 'seq'; set[#set+1] = seq
  redis.call('HSET', meta, unpack(set))
end
return {'OK', version, status, before, m['created'] or '0', m['exp'] or '0', m['owner'], m['sector'] or '',
  tostring(bytes), tostring(hb), tostring(seq)}
`

// briefFilesLua is shared by extendLua and removeLua: it calls fn on every key of a brief's files,
// current and previous versions. ARGV[1] file key prefix (f:), ARGV[2] history key prefix (h:),
// ARGV[3] history length.
const briefFilesLua = `
local function eachFileKey(meta, fn)
  local fp, hp, hmax = ARGV[1], ARGV[2], tonumber(ARGV[3])
  local all = redis.call('HGETALL', meta)
  for j = 1, #all, 2 do
    if string.sub(all[j], 1, 2) == 'v:' then
      local name, v = string.sub(all[j], 3), tonumber(all[j+1])
      fn(fp .. name)
      for k = math.max(1, v - hmax), v - 1 do fn(hp .. name .. ':' .. k) end
    end
  end
  return all
end
`

// extendLua gives every key of a brief (leases keep their own) the expiry time ARGV[4] (unix ms).
// KEYS meta. ARGV as briefFilesLua, then the expiry.
const extendLua = `#!lua flags=allow-oom
` + briefFilesLua + `
local meta, exp = KEYS[1], ARGV[4]
if redis.call('EXISTS', meta) == 0 then return {'NOTFOUND'} end
eachFileKey(meta, function(k) redis.call('PEXPIREAT', k, exp) end)
redis.call('PEXPIREAT', meta, exp)
redis.call('HSET', meta, 'exp', exp)
redis.call('HINCRBY', meta, 'seq', 1)
local r = redis.call('HMGET', meta, 'created', 'status', 'owner', 'sector', 'bytes', 'hbytes', 'seq')
return {'OK', r[1] or '0', r[2] or '', r[3] or '', r[4] or '', r[5] or '0', r[6] or '0', r[7] or '0'}
`

// removeLua deletes a brief with its files, history and leases: KEYS meta. ARGV as briefFilesLua,
// then the lease key prefix.
const removeLua = `#!lua flags=allow-oom
` + briefFilesLua + `
local meta, lp = KEYS[1], ARGV[4]
if redis.call('EXISTS', meta) == 0 then return {'NOTFOUND'} end
local all = eachFileKey(meta, function(k) redis.call('DEL', k) end)
local owner = ''
for j = 1, #all, 2 do
  if all[j] == 'owner' then owner = all[j+1] end
  if string.sub(all[j], 1, 7) == 'status:' then redis.call('DEL', lp .. string.sub(all[j], 8)) end
end
redis.call('DEL', meta)
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
