#!/usr/bin/env python3
"""BENCH-ONLY: signed-in sessions for the bench accounts, written straight into the sessions table.

Signing a few thousand accounts in through POST /api/v1/sessions costs one Argon2id verification each (64 MiB,
about 0.1 s of a core, far more on a loaded machine); that is a one-off per session, not the December peak, so
run.sh creates the sessions here and times a sample of real sign-ins separately. The server stores only
BLAKE2b-256(token) in hex (security::token_hash), which is what is inserted.

  seed_sessions.py ACCOUNTS OUT_SQL OUT_SESSIONS
ACCOUNTS: lines "account_id username [unit_id]"; OUT_SQL: the INSERTs; OUT_SESSIONS: "username token csrf [unit_id]".
"""
import hashlib
import secrets
import sys
import time

accounts, out_sql, out_sessions = sys.argv[1:4]
now = int(time.time() * 1000)
expires = now + 12 * 3600 * 1000
with open(accounts) as src, open(out_sql, "w") as sql, open(out_sessions, "w") as sessions:
    sql.write("BEGIN;\n")
    for line in src:
        fields = line.split()
        if not fields:
            continue
        account_id, username, rest = fields[0], fields[1], fields[2:]
        token = secrets.token_hex(32)
        csrf = secrets.token_hex(16)
        digest = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
        sql.write(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at, "
            f"remote_address, user_agent) VALUES ('{digest}', {int(account_id)}, '{csrf}', {now}, {now}, {expires}, "
            "'127.0.0.1', 'december bench');\n")
        sessions.write(" ".join([username, token, csrf] + rest) + "\n")
    sql.write("COMMIT;\n")
