using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyProtocol.Web.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddQuizPresetSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuizPresetSettings",
                columns: table => new
                {
                    PresetId = table.Column<long>(type: "bigint", nullable: false),
                    Questions = table.Column<int>(type: "integer", nullable: false),
                    SecondsPerQuestion = table.Column<int>(type: "integer", nullable: false),
                    Categories = table.Column<List<string>>(type: "text[]", nullable: false),
                    Leaderboard = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DoublePointsLastQuestion = table.Column<bool>(type: "boolean", nullable: false),
                    TimerScale = table.Column<double>(type: "double precision", nullable: false),
                    MaxPlayers = table.Column<int>(type: "integer", nullable: false),
                    FamilyFriendly = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizPresetSettings", x => x.PresetId);
                    table.ForeignKey(
                        name: "FK_QuizPresetSettings_Presets_PresetId",
                        column: x => x.PresetId,
                        principalTable: "Presets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuizPresetSettings");
        }
    }
}
