#!/usr/bin/env python3
"""Migration 14 on a large tracking_events table (docs/benchmarks.md, "Events: migration 14").

Builds, with Python's sqlite3, the tables migration 14 reads (tracking_messages, tracking_recipients, tracking_events
as of migration 13, webhook_endpoints, webhook_deliveries) holding N events of U users, then:
  1. times the user's feed query as migration 13 ran it (join to tracking_recipients on sender_user),
  2. applies migration 14's statements, read from src/Kakunin.Store/Events/EventSchema.cs, in one transaction with
     foreign keys off and a foreign_key_check, as Migrator does, and times it,
  3. times the feed query as EventPayloadReader runs it now (tracking_events.sender_user, id).
Usage: python3 bench/events/migration14.py [EVENTS] [USERS]   (default 1,000,000 events, 100 users)
"""
import os, re, sqlite3, sys, tempfile, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
USERS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
PER_RECIPIENT = 4  # queued, delivered, … as a typical recipient has

here = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(here, '..', '..', 'src', 'Kakunin.Store', 'Events', 'EventSchema.cs'), encoding='utf-8').read()

def constant(name):
    body = re.search(r'const string ' + name + r'\s*=\s*(.*?);\n', source, re.S).group(1)
    return ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', body))

consts = {'Now': constant('Now'), 'EventTypeOfState': constant('EventTypeOfState')}
array = re.search(r'Statements \{ get; \} =\s*\[(.*?)\n    \];', source, re.S).group(1)
statements = []
for item in re.split(r'(?<="),\s*\n', array):
    item = re.sub(r'//[^\n]*', '', item)
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\b(Now|EventTypeOfState)\b', item)
    text = ''.join(lit if lit else consts[name] for lit, name in parts)
    if text.strip():
        statements.append(text)

path = os.path.join(tempfile.mkdtemp(), 'bench.db')
db = sqlite3.connect(path, isolation_level=None)
db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=FULL')
db.executescript('''
CREATE TABLE tracking_messages (id INTEGER PRIMARY KEY, sender_user TEXT NOT NULL, submitted_at INTEGER NOT NULL, message_id TEXT);
CREATE TABLE queue_recipients (id INTEGER PRIMARY KEY, remote_mta TEXT);
CREATE TABLE tracking_recipients (id INTEGER PRIMARY KEY, tracking_message_id INTEGER NOT NULL REFERENCES tracking_messages (id), queue_recipient_id INTEGER, address TEXT NOT NULL, sender_user TEXT);
CREATE INDEX ix_tracking_recipients_sender ON tracking_recipients (sender_user, id);
CREATE TABLE tracking_events (id INTEGER PRIMARY KEY, tracking_recipient_id INTEGER NOT NULL REFERENCES tracking_recipients (id), state TEXT NOT NULL, at INTEGER NOT NULL, diagnostic TEXT, evidence TEXT, status TEXT, provenance TEXT, reported_by TEXT, vouched_by TEXT);
CREATE INDEX ix_tracking_events_recipient ON tracking_events (tracking_recipient_id);
CREATE INDEX ix_tracking_events_evidence ON tracking_events (evidence);
CREATE TABLE webhook_endpoints (id INTEGER PRIMARY KEY, user_address TEXT NOT NULL, url TEXT NOT NULL, event_types TEXT NOT NULL, secret TEXT NOT NULL, enabled INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE webhook_deliveries (id INTEGER PRIMARY KEY, endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id), event_id INTEGER NOT NULL REFERENCES tracking_events (id), state TEXT NOT NULL);
''')
recipients = N // PER_RECIPIENT
db.execute('BEGIN')
db.executemany('INSERT INTO tracking_messages (id, sender_user, submitted_at, message_id) VALUES (?, ?, 0, ?)',
               ((i, f'user{i % USERS}@example.com', f'm{i}@example.com') for i in range(1, recipients + 1)))
db.executemany('INSERT INTO tracking_recipients (id, tracking_message_id, address, sender_user) VALUES (?, ?, ?, ?)',
               ((i, i, f'r{i}@remote.test', f'user{i % USERS}@example.com') for i in range(1, recipients + 1)))
states = ['queued', 'deferred', 'delivered', 'mdn-displayed']
db.executemany('INSERT INTO tracking_events (tracking_recipient_id, state, at, provenance) VALUES (?, ?, ?, \'local\')',
               ((1 + (e % recipients), states[(e // recipients) % 4], e) for e in range(N)))
db.execute("INSERT INTO webhook_endpoints VALUES (1, 'user1@example.com', 'https://h.example.net/', ' queued delivered ', 'whsec_x', 1, 0)")
db.execute("INSERT INTO webhook_deliveries (endpoint_id, event_id, state) SELECT 1, id, 'delivered' FROM tracking_events WHERE id % 50 = 0")
db.execute('COMMIT')

typed = "('queued','delivered','relayed','expanded','deferred','delayed','failed','mdn-displayed','mdn-deleted')"
old_feed = ("SELECT e.id FROM tracking_events e JOIN tracking_recipients r ON r.id = e.tracking_recipient_id "
            f"WHERE r.sender_user = ? AND e.id > ? AND e.state IN {typed} ORDER BY e.id LIMIT 101")
new_feed = f"SELECT e.id FROM tracking_events e WHERE e.sender_user = ? AND e.id > ? AND e.state IN {typed} ORDER BY e.id LIMIT 101"

def feed(sql, rounds=200):
    # A poller near the head of the feed: the cursor is close to the newest event.
    best = []
    for r in range(rounds):
        t = time.perf_counter()
        rows = db.execute(sql, (f'user{r % USERS}@example.com', N - 5000)).fetchall()
        best.append(time.perf_counter() - t)
    best.sort()
    return best[len(best) // 2] * 1000, len(rows)

old_ms, old_rows = feed(old_feed)
db.execute('PRAGMA foreign_keys=OFF')
t = time.perf_counter()
db.execute('BEGIN IMMEDIATE')
for s in statements:
    db.execute(s)
broken = db.execute('PRAGMA foreign_key_check').fetchall()
db.execute('COMMIT')
migrate_s = time.perf_counter() - t
db.execute('PRAGMA foreign_keys=ON')
new_ms, new_rows = feed(new_feed)
print(f'events {N:,}, users {USERS}, statements {len(statements)}, database {os.path.getsize(path) / 1e6:.0f} MB')
print(f'migration 14: {migrate_s:.1f} s ({N / migrate_s:,.0f} events/s), broken references after: {len(broken)}')
print(f'feed query, median of 200, cursor 5,000 events from the head: before {old_ms:.3f} ms ({old_rows} rows), after {new_ms:.3f} ms ({new_rows} rows)')
