using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// Track names get their own narrow search table. Ranking names read every matching "TrackSearch" row, whose lyrics
    /// tsvector made each row ~1 KB wide: a common prefix ("go") touched 8,000+ heap pages. Raw SQL only — the search
    /// tables are not in the EF model, so there is no model snapshot change (and no SQLite counterpart).
    /// </summary>
    [DbContext(typeof(PostgresSelahDbContext))]
    [Migration("20261123210500_TrackNameSearch")]
    public partial class TrackNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE TABLE "TrackNameSearch" (
  "TrackId" uuid PRIMARY KEY REFERENCES "Tracks" ("Id") ON DELETE CASCADE,
  "Names" tsvector NOT NULL,
  "NameText" text NOT NULL);
INSERT INTO "TrackNameSearch" ("TrackId", "Names", "NameText") SELECT "TrackId", "Names", "NameText" FROM "TrackSearch";
CREATE INDEX "IX_TrackNameSearch_Names" ON "TrackNameSearch" USING gin ("Names");
CREATE INDEX "IX_TrackNameSearch_NameText" ON "TrackNameSearch" USING gin ("NameText" gin_trgm_ops);
DROP INDEX "IX_TrackSearch_Names";
DROP INDEX "IX_TrackSearch_NameText";

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
$$;
CREATE INDEX "IX_TrackSearch_Names" ON "TrackSearch" USING gin ("Names");
CREATE INDEX "IX_TrackSearch_NameText" ON "TrackSearch" USING gin ("NameText" gin_trgm_ops);
DROP TABLE "TrackNameSearch";
""");
        }
    }
}
