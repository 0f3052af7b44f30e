-- One row the readiness check rewrites: proof that the store takes a committed write right now.
CREATE TABLE store_probe (
  id INTEGER PRIMARY KEY,
  checked_at TEXT NOT NULL
);
INSERT INTO store_probe (id, checked_at) VALUES (1, '1970-01-01T00:00:00.000Z');
