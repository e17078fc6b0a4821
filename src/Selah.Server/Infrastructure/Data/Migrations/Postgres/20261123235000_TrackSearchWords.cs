using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// The typo path's vocabulary on PostgreSQL, as SQLite has it through fts5vocab: every indexed word with the number
    /// of tracks it was seen in, and a version the vocabulary cache compares (bumped only when a new word appears).
    /// Ranking all names by <c>word_similarity</c> re-checked hundreds of trigram candidates per query (~90 ms at 100k
    /// tracks); correcting each unknown word against ~20k words in memory and searching again costs a few. Words of
    /// deleted tracks stay (a correction to them finds nothing and falls through to the trigram search).
    /// Raw SQL only — the search tables are not in the EF model (no snapshot change, no SQLite counterpart).
    /// </summary>
    [DbContext(typeof(PostgresSelahDbContext))]
    [Migration("20261123235000_TrackSearchWords")]
    public partial class TrackSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE TABLE "TrackSearchWords" ("Word" text PRIMARY KEY, "Docs" integer NOT NULL);
CREATE TABLE "TrackSearchState" ("Id" integer PRIMARY KEY, "Version" bigint NOT NULL);
INSERT INTO "TrackSearchState" ("Id", "Version") VALUES (1, 0);
INSERT INTO "TrackSearchWords" ("Word", "Docs")
SELECT word, ndoc FROM ts_stat('SELECT "Document" FROM "TrackSearch"') WHERE length(word) <= 40;

CREATE OR REPLACE FUNCTION selah_track_search_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "TrackSearch" ("TrackId", "Names", "Document", "NameText")
  SELECT t."Id", x.names, x.names || setweight(to_tsvector('simple', coalesce(t."Lyrics", '')), 'C'),
         lower(t."Title" || ' ' || a."Name" || ' ' || coalesce(al."Title", ''))
  FROM "Tracks" t
  JOIN "Artists" a ON a."Id" = t."ArtistId"
  LEFT JOIN "Albums" al ON al."Id" = t."AlbumId"
  CROSS JOIN LATERAL (SELECT setweight(to_tsvector('simple', t."Title"), 'A')
                             || setweight(to_tsvector('simple', a."Name" || ' ' || coalesce(al."Title", '')), 'B') AS names) x
  WHERE t."Id" = ANY (ids)
  ON CONFLICT ("TrackId") DO UPDATE SET "Names" = EXCLUDED."Names", "Document" = EXCLUDED."Document", "NameText" = EXCLUDED."NameText";
  INSERT INTO "TrackNameSearch" ("TrackId", "Names", "NameText")
  SELECT "TrackId", "Names", "NameText" FROM "TrackSearch" WHERE "TrackId" = ANY (ids)
  ON CONFLICT ("TrackId") DO UPDATE SET "Names" = EXCLUDED."Names", "NameText" = EXCLUDED."NameText";
  WITH words AS (
    SELECT w.word, count(*) AS docs
    FROM "TrackSearch" s CROSS JOIN LATERAL unnest(tsvector_to_array(s."Document")) AS w(word)
    WHERE s."TrackId" = ANY (ids) AND length(w.word) <= 40
    GROUP BY w.word),
  added AS (
    INSERT INTO "TrackSearchWords" ("Word", "Docs") SELECT word, docs FROM words
    ON CONFLICT ("Word") DO UPDATE SET "Docs" = "TrackSearchWords"."Docs" + EXCLUDED."Docs"
    RETURNING (xmax = 0) AS inserted)
  UPDATE "TrackSearchState" SET "Version" = "Version" + 1 WHERE "Id" = 1 AND EXISTS (SELECT 1 FROM added WHERE inserted);
$$;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE OR REPLACE FUNCTION selah_track_search_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "TrackSearch" ("TrackId", "Names", "Document", "NameText")
  SELECT t."Id", x.names, x.names || setweight(to_tsvector('simple', coalesce(t."Lyrics", '')), 'C'),
         lower(t."Title" || ' ' || a."Name" || ' ' || coalesce(al."Title", ''))
  FROM "Tracks" t
  JOIN "Artists" a ON a."Id" = t."ArtistId"
  LEFT JOIN "Albums" al ON al."Id" = t."AlbumId"
  CROSS JOIN LATERAL (SELECT setweight(to_tsvector('simple', t."Title"), 'A')
                             || setweight(to_tsvector('simple', a."Name" || ' ' || coalesce(al."Title", '')), 'B') AS names) x
  WHERE t."Id" = ANY (ids)
  ON CONFLICT ("TrackId") DO UPDATE SET "Names" = EXCLUDED."Names", "Document" = EXCLUDED."Document", "NameText" = EXCLUDED."NameText";
  INSERT INTO "TrackNameSearch" ("TrackId", "Names", "NameText")
  SELECT "TrackId", "Names", "NameText" FROM "TrackSearch" WHERE "TrackId" = ANY (ids)
  ON CONFLICT ("TrackId") DO UPDATE SET "Names" = EXCLUDED."Names", "NameText" = EXCLUDED."NameText";
$$;
DROP TABLE "TrackSearchState";
DROP TABLE "TrackSearchWords";
""");
        }
    }
}
