using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Selah.Server.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatImages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GroupMessageImages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploaderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMessageImages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupMessageImages_CommunityGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CommunityGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupMessageImages_GroupMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "GroupMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMessageImages_CreatedAt",
                table: "GroupMessageImages",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMessageImages_GroupId",
                table: "GroupMessageImages",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMessageImages_MessageId_Position",
                table: "GroupMessageImages",
                columns: new[] { "MessageId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMessageImages_UploaderId_MessageId",
                table: "GroupMessageImages",
                columns: new[] { "UploaderId", "MessageId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GroupMessageImages");
        }
    }
}
