#!/usr/bin/env python3
"""Seeds N published, ready tracks (default 100k) with realistic hymn-like titles and lyrics into a migrated Selah
database, so /api/v1/search can be measured. The search index triggers (FTS5 on SQLite, tsvector on PostgreSQL) fill
the index as rows arrive, exactly as in production.
    seed.py sqlite <path/to/selah.db> [count]
    seed.py postgres "<psql connection args>" [count]   (e.g. "-h 127.0.0.1 -p 55432 -U selah -d selah_bench")
Deterministic (seeded PRNG). Adds a few known tracks ("Amazing Grace", ...) that the load script asks for."""
import csv, io, json, os, random, subprocess, sys, tempfile, time, uuid

COMMON = """grace lord god jesus christ holy spirit love light glory praise king heaven earth soul heart peace joy hope faith
mercy saviour saved blood cross lamb throne crown power name word life death rise risen morning evening night day sun
shepherd rock fortress refuge strength song sing sang sweet sound wretch lost found blind see amazing wonderful great
thou thee thy art hast hath shall will come go walk run stand kneel bow pray prayer hear call answer give take
mountain valley river sea water fire wind rain storm calm still small voice deep wide high low near far home""".split()
SYLLABLES = "ba be bi bo bu da de di do du fa fe fi ga ge go ha he hi ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we wi ya yo za zo".split()

def made_up(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

def main():
    kind, target = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    rng = random.Random(7)
    vocabulary = COMMON + list({made_up(rng) for _ in range(20_000)})  # a realistic long tail of rarer words
    def words(n):
        return " ".join(rng.choice(COMMON) if rng.random() < 0.6 else rng.choice(vocabulary) for _ in range(n))
    now = time.time_ns() // 100 + 621355968000000000  # .NET ticks
    artists = [(str(uuid.uuid4()), f"{words(2).title()} {made_up(rng).title()}") for _ in range(2000)]
    albums = [(str(uuid.uuid4()), rng.choice(artists)[0], words(rng.randint(1, 3)).title()) for _ in range(10_000)]
    known = ["Amazing Grace", "How Great Thou Art", "Be Thou My Vision", "It Is Well With My Soul", "Holy Holy Holy"]
    tracks = []
    for i in range(count):
        album = rng.choice(albums)
        title = known[i] if i < len(known) else words(rng.randint(2, 5)).title()
        lyrics = "\n".join(words(rng.randint(6, 10)) for _ in range(rng.randint(6, 12)))
        tracks.append((str(uuid.uuid4()), album[1], album[0], title, lyrics, rng.randint(120, 420), rng.randint(0, 5000)))
    started = time.time()
    if kind == "sqlite":
        import sqlite3
        db = sqlite3.connect(target)
        db.execute("PRAGMA synchronous=OFF")
        with db:
            db.executemany('INSERT INTO "Artists" ("Id","Name","Slug","Verified","Links","CreatedAt") VALUES (?,?,?,0,\'[]\',?)',
                           [(a.upper(), n, f"bench-{a}", now) for a, n in artists])
            db.executemany('INSERT INTO "Albums" ("Id","ArtistId","Title","Slug","Type","Published","CreatedAt") VALUES (?,?,?,?,\'Album\',1,?)',
                           [(a.upper(), ar.upper(), t, f"bench-{a}", now) for a, ar, t in albums])
            db.executemany('INSERT INTO "Tracks" ("Id","ArtistId","AlbumId","Title","Lyrics","DurationSeconds","PlayCount","Themes","ScriptureReferences","Credits",'
                           '"Published","PublishWhenReady","Status","ProcessingAttempts","OriginalBytes","CreatedAt","UpdatedAt") '
                           'VALUES (?,?,?,?,?,?,?,\'[]\',\'[]\',\'[]\',1,1,\'Ready\',0,0,?,?)',
                           [(t.upper(), ar.upper(), al.upper(), ti, ly, d, p, now, now) for t, ar, al, ti, ly, d, p in tracks])
        db.execute("ANALYZE")
        db.close()
    else:
        def copy(table, columns, rows):
            with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
                csv.writer(f).writerows(rows)
                path = f.name
            subprocess.run(["psql", "-q", *target.split(), "-c", f"\\copy \"{table}\" ({columns}) FROM '{path}' WITH (FORMAT csv)"],
                           check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PGPASSWORD": os.environ.get("PGPASSWORD", "selah")})
            os.unlink(path)
        stamp = "2026-11-23T00:00:00Z"
        copy("Artists", '"Id","Name","Slug","Verified","Links","CreatedAt"', [(a, n, f"bench-{a}", "f", "{}", stamp) for a, n in artists])
        copy("Albums", '"Id","ArtistId","Title","Slug","Type","Published","CreatedAt"', [(a, ar, t, f"bench-{a}", "Album", "t", stamp) for a, ar, t in albums])
        copy("Tracks", '"Id","ArtistId","AlbumId","Title","Lyrics","DurationSeconds","PlayCount","Themes","ScriptureReferences","Credits",'
             '"Published","PublishWhenReady","Status","ProcessingAttempts","OriginalBytes","CreatedAt","UpdatedAt"',
             [(t, ar, al, ti, ly, d, p, "{}", "{}", "{}", "t", "t", "Ready", 0, 0, stamp, stamp) for t, ar, al, ti, ly, d, p in tracks])
        subprocess.run(["psql", "-q", *target.split(), "-c", "VACUUM ANALYZE"], check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PGPASSWORD": os.environ.get("PGPASSWORD", "selah")})
    print(f"seeded {count} tracks, {len(albums)} albums, {len(artists)} artists in {time.time() - started:.1f}s", file=sys.stderr)
    # The queries the load script cycles through: exact words, prefixes (as typed), typos, multi-word.
    sample = [t[3] for t in tracks[5:2005:40]]
    queries = ["amazing grace", "amaz", "amazng grace", "how great thou art", "be thou my vis", "it is wel", "holy holy", "grace", "lord",
               "jesus", "shepherd", "wretch like", "morning", "glroy", "saviuor", "fortres", "thou"]
    for title in sample:
        parts = title.lower().split()
        queries.append(" ".join(parts[:2]))                    # exact
        queries.append(parts[0][:max(3, len(parts[0]) - 2)])   # prefix
        w = parts[-1]
        if len(w) > 5:
            queries.append(" ".join(parts[:-1] + [w[:2] + w[3:]]))  # typo: one letter missing
    print(json.dumps(queries))

if __name__ == "__main__":
    main()
