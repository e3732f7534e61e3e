-- BENCH-ONLY seeding for bench/december/run.sh, never part of the product: sign-in accounts for the December peak
-- load on a fresh `xeploai demo` database (SQLite and PostgreSQL). Written straight into the tables (no audit rows):
-- creating thousands of accounts through POST /api/v1/accounts would spend an Argon2id hash on each, and only the
-- sign-in of each session belongs to the benchmark. Every account gets the demo password (the hash of the demo's
-- `quantri`). run.sh replaces @MEMBERS@.
--   bench.dv<person id>  a member (role member on their cell), for @MEMBERS@ active members spread over the province
--   bench.bt<unit id>    the secretary (cell_secretary) of every current cell
--   bench.uv<unit id>    a committee member (committee) of every current grassroots committee (commune, ward)
INSERT INTO accounts (username, display_name, password_hash, person_id, home_unit_id, created_at, updated_at)
SELECT 'bench.dv' || p.id, p.full_name, (SELECT password_hash FROM accounts WHERE username = 'quantri'), p.id,
       p.unit_id, 1764201600000, 1764201600000
FROM people p
WHERE p.unit_id IS NOT NULL AND p.status = 'active' AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id)
ORDER BY p.id % 10, p.id
LIMIT @MEMBERS@;

INSERT INTO accounts (username, display_name, password_hash, person_id, home_unit_id, created_at, updated_at)
SELECT 'bench.bt' || u.id, 'Bí thư ' || u.name, (SELECT password_hash FROM accounts WHERE username = 'quantri'), NULL,
       u.id, 1764201600000, 1764201600000
FROM units u
WHERE u.kind IN ('cell', 'grassroots_cell') AND u.dissolved_on IS NULL;

INSERT INTO accounts (username, display_name, password_hash, person_id, home_unit_id, created_at, updated_at)
SELECT 'bench.uv' || u.id, 'Ủy viên ' || u.name, (SELECT password_hash FROM accounts WHERE username = 'quantri'), NULL,
       u.id, 1764201600000, 1764201600000
FROM units u
WHERE u.kind = 'grassroots_committee' AND u.dissolved_on IS NULL;

INSERT INTO role_grants (account_id, role, unit_id, granted_at)
SELECT id,
       CASE WHEN username LIKE 'bench.dv%' THEN 'member' WHEN username LIKE 'bench.bt%' THEN 'cell_secretary'
            ELSE 'committee' END,
       home_unit_id, 1764201600000
FROM accounts
WHERE username LIKE 'bench.%';
