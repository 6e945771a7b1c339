using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyProtocol.Web.Persistence.Migrations.Sqlite
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
                    PresetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Questions = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondsPerQuestion = table.Column<int>(type: "INTEGER", nullable: false),
                    Categories = table.Column<string>(type: "TEXT", nullable: false),
                    Leaderboard = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DoublePointsLastQuestion = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimerScale = table.Column<double>(type: "REAL", nullable: false),
                    MaxPlayers = table.Column<int>(type: "INTEGER", nullable: false),
                    FamilyFriendly = table.Column<bool>(type: "INTEGER", nullable: false)
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
