using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyProtocol.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRoomLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "QuizPresetSettings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "BluffPresetSettings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "QuizPresetSettings");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "BluffPresetSettings");
        }
    }
}
