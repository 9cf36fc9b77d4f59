#!/usr/bin/env python3
"""Seeds a migrated Takedown SQLite database with N random PDQ hashes in the NCII bank (one case), plus an API key
with the check scope, and writes the wrk Lua scripts' query list.

usage: seed_bank.py DB N KEYFILE QUERYFILE
"""
import hashlib, os, random, secrets, sqlite3, sys, time

db, n, keyfile, queryfile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(42)
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
now = int(time.time() * 1000)
cur = con.execute(
    "INSERT INTO cases (case_number, status, jurisdiction, received_at, due_at, token_hash, signature_attested, good_faith_attested, missing, warning_level)"
    " VALUES ('TD-BNCH-0001', 'removed', 'US', ?, ?, ?, 1, 1, '[]', 0)", (now, now + 172800000, hashlib.sha256(b"x").digest()))
case_id = cur.lastrowid
hashes = []
batch_e, batch_c = [], []
for i in range(n):
    h = "%064x" % rng.getrandbits(256)
    hashes.append(h)
    batch_e.append((case_id, h, now))
    if len(batch_e) == 50000 or i == n - 1:
        first = con.execute("SELECT COALESCE(MAX(id), 0) FROM bank_entries").fetchone()[0]
        con.executemany("INSERT INTO bank_entries (case_id, kind, value, quality, active, added_at) VALUES (?, 'pdq', ?, 100, 1, ?)", batch_e)
        con.executemany("INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) VALUES (?, 1, 'pdq', ?, 'TD-BNCH-0001', ?)",
                        [(first + j + 1, e[1], now) for j, e in enumerate(batch_e)])
        batch_e = []
prefix = secrets.token_hex(4)
key = f"tdk_{prefix}_{secrets.token_urlsafe(32)}"
con.execute("INSERT INTO api_keys (prefix, key_hash, name, scopes, created_at) VALUES (?, ?, 'bench', 'check', ?)",
            (prefix, hashlib.sha256(key.encode()).digest(), now))
con.commit()
open(keyfile, "w").write(key)

# 1000 queries: 900 random (allow), 50 within distance 5 of a banked hash (block), 50 at distance 20 (review).
def flip(h, bits):
    v = int(h, 16)
    for b in rng.sample(range(256), bits):
        v ^= 1 << b
    return "%064x" % v
queries = ["%064x" % rng.getrandbits(256) for _ in range(900)]
queries += [flip(rng.choice(hashes), 5) for _ in range(50)] + [flip(rng.choice(hashes), 20) for _ in range(50)]
rng.shuffle(queries)
open(queryfile, "w").write("\n".join(queries) + "\n")
print(f"seeded {n} hashes; key in {keyfile}; {len(queries)} queries in {queryfile}")
