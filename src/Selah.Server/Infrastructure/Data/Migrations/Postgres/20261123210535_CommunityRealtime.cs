using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommunityRealtime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GroupReadMarkers",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupReadMarkers", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GroupReadMarkers_CommunityGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CommunityGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GroupReadMarkers_UserId",
                table: "GroupReadMarkers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GroupReadMarkers");
        }
    }
}
