using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Sqlite
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
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArtistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlbumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArtistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    CoverKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ShareToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    PlaylistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaylistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SortKey = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
CREATE VIRTUAL TABLE TrackSearch USING fts5(title, artist, album, lyrics, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE VIRTUAL TABLE TrackSearchVocab USING fts5vocab(TrackSearch, 'row');
CREATE TABLE TrackSearchKeys (Id INTEGER PRIMARY KEY, TrackId TEXT NOT NULL UNIQUE);
CREATE TABLE TrackSearchState (Id INTEGER PRIMARY KEY, Version INTEGER NOT NULL);
INSERT INTO TrackSearchState (Id, Version) VALUES (1, 0);
INSERT INTO TrackSearchKeys (TrackId) SELECT "Id" FROM "Tracks";
INSERT INTO TrackSearch (rowid, title, artist, album, lyrics)
SELECT k.Id, t."Title", a."Name", coalesce(al."Title", ''), coalesce(t."Lyrics", '')
FROM "Tracks" t JOIN TrackSearchKeys k ON k.TrackId = t."Id" JOIN "Artists" a ON a."Id" = t."ArtistId" LEFT JOIN "Albums" al ON al."Id" = t."AlbumId";

CREATE TRIGGER TrackSearch_TrackInsert AFTER INSERT ON "Tracks" BEGIN
  INSERT INTO TrackSearchKeys (TrackId) VALUES (new."Id");
  INSERT INTO TrackSearch (rowid, title, artist, album, lyrics)
  SELECT k.Id, new."Title", coalesce((SELECT "Name" FROM "Artists" WHERE "Id" = new."ArtistId"), ''),
         coalesce((SELECT "Title" FROM "Albums" WHERE "Id" = new."AlbumId"), ''), coalesce(new."Lyrics", '')
  FROM TrackSearchKeys k WHERE k.TrackId = new."Id";
  UPDATE TrackSearchState SET Version = Version + 1 WHERE Id = 1;
END;

CREATE TRIGGER TrackSearch_TrackUpdate AFTER UPDATE OF "Title", "Lyrics", "ArtistId", "AlbumId" ON "Tracks" BEGIN
  DELETE FROM TrackSearch WHERE rowid = (SELECT Id FROM TrackSearchKeys WHERE TrackId = old."Id");
  INSERT INTO TrackSearch (rowid, title, artist, album, lyrics)
  SELECT k.Id, new."Title", coalesce((SELECT "Name" FROM "Artists" WHERE "Id" = new."ArtistId"), ''),
         coalesce((SELECT "Title" FROM "Albums" WHERE "Id" = new."AlbumId"), ''), coalesce(new."Lyrics", '')
  FROM TrackSearchKeys k WHERE k.TrackId = new."Id";
  UPDATE TrackSearchState SET Version = Version + 1 WHERE Id = 1;
END;

CREATE TRIGGER TrackSearch_TrackDelete AFTER DELETE ON "Tracks" BEGIN
  DELETE FROM TrackSearch WHERE rowid = (SELECT Id FROM TrackSearchKeys WHERE TrackId = old."Id");
  DELETE FROM TrackSearchKeys WHERE TrackId = old."Id";
  UPDATE TrackSearchState SET Version = Version + 1 WHERE Id = 1;
END;

CREATE TRIGGER TrackSearch_ArtistRename AFTER UPDATE OF "Name" ON "Artists" WHEN old."Name" IS NOT new."Name" BEGIN
  DELETE FROM TrackSearch WHERE rowid IN (SELECT k.Id FROM "Tracks" t JOIN TrackSearchKeys k ON k.TrackId = t."Id" WHERE t."ArtistId" = new."Id");
  INSERT INTO TrackSearch (rowid, title, artist, album, lyrics)
  SELECT k.Id, t."Title", new."Name", coalesce(al."Title", ''), coalesce(t."Lyrics", '')
  FROM "Tracks" t JOIN TrackSearchKeys k ON k.TrackId = t."Id" LEFT JOIN "Albums" al ON al."Id" = t."AlbumId" WHERE t."ArtistId" = new."Id";
  UPDATE TrackSearchState SET Version = Version + 1 WHERE Id = 1;
END;

CREATE TRIGGER TrackSearch_AlbumRename AFTER UPDATE OF "Title" ON "Albums" WHEN old."Title" IS NOT new."Title" BEGIN
  DELETE FROM TrackSearch WHERE rowid IN (SELECT k.Id FROM "Tracks" t JOIN TrackSearchKeys k ON k.TrackId = t."Id" WHERE t."AlbumId" = new."Id");
  INSERT INTO TrackSearch (rowid, title, artist, album, lyrics)
  SELECT k.Id, t."Title", a."Name", new."Title", coalesce(t."Lyrics", '')
  FROM "Tracks" t JOIN TrackSearchKeys k ON k.TrackId = t."Id" JOIN "Artists" a ON a."Id" = t."ArtistId" WHERE t."AlbumId" = new."Id";
  UPDATE TrackSearchState SET Version = Version + 1 WHERE Id = 1;
END;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS TrackSearch_AlbumRename;
DROP TRIGGER IF EXISTS TrackSearch_ArtistRename;
DROP TRIGGER IF EXISTS TrackSearch_TrackDelete;
DROP TRIGGER IF EXISTS TrackSearch_TrackUpdate;
DROP TRIGGER IF EXISTS TrackSearch_TrackInsert;
DROP TABLE IF EXISTS TrackSearchVocab;
DROP TABLE IF EXISTS TrackSearch;
DROP TABLE IF EXISTS TrackSearchKeys;
DROP TABLE IF EXISTS TrackSearchState;
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
