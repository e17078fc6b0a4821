using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupPlaylists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "Playlists",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Playlists_GroupId_Id",
                table: "Playlists",
                columns: new[] { "GroupId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Playlists_CommunityGroups_GroupId",
                table: "Playlists",
                column: "GroupId",
                principalTable: "CommunityGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Playlists_CommunityGroups_GroupId",
                table: "Playlists");

            migrationBuilder.DropIndex(
                name: "IX_Playlists_GroupId_Id",
                table: "Playlists");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Playlists");
        }
    }
}
