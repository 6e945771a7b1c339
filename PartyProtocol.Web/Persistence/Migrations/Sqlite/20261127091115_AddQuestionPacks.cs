using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyProtocol.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddQuestionPacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Packs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false, collation: "NOCASE"),
                    GameKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    QuestionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Packs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Packs_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BluffPackQuestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Truth = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Alternates = table.Column<string>(type: "TEXT", nullable: false),
                    Decoys = table.Column<string>(type: "TEXT", nullable: false),
                    FamilyFriendly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PackId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BluffPackQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BluffPackQuestions_Packs_PackId",
                        column: x => x.PackId,
                        principalTable: "Packs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PresetPacks",
                columns: table => new
                {
                    PresetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    BuiltIn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PackId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PresetPacks", x => new { x.PresetId, x.Position });
                    table.CheckConstraint("CK_PresetPacks_OnePack", "(\"BuiltIn\" IS NULL) <> (\"PackId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_PresetPacks_Packs_PackId",
                        column: x => x.PackId,
                        principalTable: "Packs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PresetPacks_Presets_PresetId",
                        column: x => x.PresetId,
                        principalTable: "Presets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuizPackQuestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Choices = table.Column<string>(type: "TEXT", nullable: false),
                    Correct = table.Column<int>(type: "INTEGER", nullable: false),
                    FamilyFriendly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    PackId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizPackQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuizPackQuestions_Packs_PackId",
                        column: x => x.PackId,
                        principalTable: "Packs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BluffPackQuestions_PackId_Position",
                table: "BluffPackQuestions",
                columns: new[] { "PackId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Packs_OwnerId_GameKey_Name",
                table: "Packs",
                columns: new[] { "OwnerId", "GameKey", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Packs_ShareCode",
                table: "Packs",
                column: "ShareCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PresetPacks_PackId",
                table: "PresetPacks",
                column: "PackId");

            migrationBuilder.CreateIndex(
                name: "IX_QuizPackQuestions_PackId_Position",
                table: "QuizPackQuestions",
                columns: new[] { "PackId", "Position" },
                unique: true);

            // Quiz's "categories" setting became the platform's choice of packs: a Quiz preset keeps its categories as
            // its chosen built-in packs.
            migrationBuilder.Sql("""
                INSERT INTO "PresetPacks" ("PresetId", "Position", "BuiltIn", "PackId")
                SELECT q."PresetId", CAST(c."key" AS INTEGER), c."value", NULL
                FROM "QuizPresetSettings" AS q, json_each(q."Categories") AS c;
                """);

            migrationBuilder.DropColumn(
                name: "Categories",
                table: "QuizPresetSettings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BluffPackQuestions");

            migrationBuilder.DropTable(
                name: "PresetPacks");

            migrationBuilder.DropTable(
                name: "QuizPackQuestions");

            migrationBuilder.DropTable(
                name: "Packs");

            migrationBuilder.AddColumn<string>(
                name: "Categories",
                table: "QuizPresetSettings",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }
    }
}
