using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArtistFollows",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArtistId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArtistFollows", x => new { x.UserId, x.ArtistId });
                    table.ForeignKey(
                        name: "FK_ArtistFollows_Artists_ArtistId",
                        column: x => x.ArtistId,
                        principalTable: "Artists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ArtistFollows_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FavouriteAlbums",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AlbumId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FavouriteAlbums", x => new { x.UserId, x.AlbumId });
                    table.ForeignKey(
                        name: "FK_FavouriteAlbums_Albums_AlbumId",
                        column: x => x.AlbumId,
                        principalTable: "Albums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FavouriteAlbums_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FavouriteArtists",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArtistId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FavouriteArtists", x => new { x.UserId, x.ArtistId });
                    table.ForeignKey(
                        name: "FK_FavouriteArtists_Artists_ArtistId",
                        column: x => x.ArtistId,
                        principalTable: "Artists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FavouriteArtists_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FavouriteTracks",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FavouriteTracks", x => new { x.UserId, x.TrackId });
                    table.ForeignKey(
                        name: "FK_FavouriteTracks_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FavouriteTracks_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Playlists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    CoverKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ShareToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Playlists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Playlists_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlaylistCollaborators",
                columns: table => new
                {
                    PlaylistId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlaylistCollaborators", x => new { x.PlaylistId, x.UserId });
                    table.ForeignKey(
                        name: "FK_PlaylistCollaborators_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlaylistCollaborators_Playlists_PlaylistId",
                        column: x => x.PlaylistId,
                        principalTable: "Playlists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlaylistEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlaylistId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortKey = table.Column<long>(type: "bigint", nullable: false),
                    AddedById = table.Column<Guid>(type: "uuid", nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlaylistEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlaylistEntries_AspNetUsers_AddedById",
                        column: x => x.AddedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PlaylistEntries_Playlists_PlaylistId",
                        column: x => x.PlaylistId,
                        principalTable: "Playlists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlaylistEntries_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArtistFollows_ArtistId",
                table: "ArtistFollows",
                column: "ArtistId");

            migrationBuilder.CreateIndex(
                name: "IX_ArtistFollows_UserId_CreatedAt",
                table: "ArtistFollows",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FavouriteAlbums_AlbumId",
                table: "FavouriteAlbums",
                column: "AlbumId");

            migrationBuilder.CreateIndex(
                name: "IX_FavouriteAlbums_UserId_CreatedAt",
                table: "FavouriteAlbums",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FavouriteArtists_ArtistId",
                table: "FavouriteArtists",
                column: "ArtistId");

            migrationBuilder.CreateIndex(
                name: "IX_FavouriteArtists_UserId_CreatedAt",
                table: "FavouriteArtists",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FavouriteTracks_TrackId",
                table: "FavouriteTracks",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_FavouriteTracks_UserId_CreatedAt",
                table: "FavouriteTracks",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlaylistCollaborators_UserId",
                table: "PlaylistCollaborators",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PlaylistEntries_AddedById",
                table: "PlaylistEntries",
                column: "AddedById");

            migrationBuilder.CreateIndex(
                name: "IX_PlaylistEntries_PlaylistId_SortKey",
                table: "PlaylistEntries",
                columns: new[] { "PlaylistId", "SortKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlaylistEntries_TrackId",
                table: "PlaylistEntries",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_Playlists_IsPublic_Id",
                table: "Playlists",
                columns: new[] { "IsPublic", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Playlists_OwnerId_Id",
                table: "Playlists",
                columns: new[] { "OwnerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Playlists_ShareToken",
                table: "Playlists",
                column: "ShareToken",
                unique: true);

            // Catalogue search index (raw SQL: not part of the EF model).
            migrationBuilder.Sql("""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE "TrackSearch" (
  "TrackId" uuid PRIMARY KEY REFERENCES "Tracks" ("Id") ON DELETE CASCADE,
  "Names" tsvector NOT NULL,
  "Document" tsvector NOT NULL,
  "NameText" text NOT NULL);
CREATE INDEX "IX_TrackSearch_Names" ON "TrackSearch" USING gin ("Names");
CREATE INDEX "IX_TrackSearch_Document" ON "TrackSearch" USING gin ("Document");
CREATE INDEX "IX_TrackSearch_NameText" ON "TrackSearch" USING gin ("NameText" gin_trgm_ops);

CREATE FUNCTION selah_track_search_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
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

CREATE FUNCTION selah_track_search_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM selah_track_search_refresh(ARRAY[NEW."Id"]);
  RETURN NULL;
END $$;

CREATE FUNCTION selah_track_search_artist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM selah_track_search_refresh(ARRAY(SELECT "Id" FROM "Tracks" WHERE "ArtistId" = NEW."Id"));
  RETURN NULL;
END $$;

CREATE FUNCTION selah_track_search_album() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM selah_track_search_refresh(ARRAY(SELECT "Id" FROM "Tracks" WHERE "AlbumId" = NEW."Id"));
  RETURN NULL;
END $$;

CREATE TRIGGER track_search_track AFTER INSERT OR UPDATE OF "Title", "Lyrics", "ArtistId", "AlbumId" ON "Tracks"
  FOR EACH ROW EXECUTE FUNCTION selah_track_search_track();
CREATE TRIGGER track_search_artist AFTER UPDATE OF "Name" ON "Artists"
  FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION selah_track_search_artist();
CREATE TRIGGER track_search_album AFTER UPDATE OF "Title" ON "Albums"
  FOR EACH ROW WHEN (OLD."Title" IS DISTINCT FROM NEW."Title") EXECUTE FUNCTION selah_track_search_album();

SELECT selah_track_search_refresh(ARRAY(SELECT "Id" FROM "Tracks"));
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS track_search_album ON "Albums";
DROP TRIGGER IF EXISTS track_search_artist ON "Artists";
DROP TRIGGER IF EXISTS track_search_track ON "Tracks";
DROP FUNCTION IF EXISTS selah_track_search_album();
DROP FUNCTION IF EXISTS selah_track_search_artist();
DROP FUNCTION IF EXISTS selah_track_search_track();
DROP TABLE IF EXISTS "TrackSearch";
DROP FUNCTION IF EXISTS selah_track_search_refresh(uuid[]);
""");

            migrationBuilder.DropTable(
                name: "ArtistFollows");

            migrationBuilder.DropTable(
                name: "FavouriteAlbums");

            migrationBuilder.DropTable(
                name: "FavouriteArtists");

            migrationBuilder.DropTable(
                name: "FavouriteTracks");

            migrationBuilder.DropTable(
                name: "PlaylistCollaborators");

            migrationBuilder.DropTable(
                name: "PlaylistEntries");

            migrationBuilder.DropTable(
                name: "Playlists");
        }
    }
}
