using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrayerRoomMessageEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "PrayerRoomMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DeletedById",
                table: "PrayerRoomMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EditedAt",
                table: "PrayerRoomMessages",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "PrayerRoomMessages");

            migrationBuilder.DropColumn(
                name: "DeletedById",
                table: "PrayerRoomMessages");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "PrayerRoomMessages");
        }
    }
}
