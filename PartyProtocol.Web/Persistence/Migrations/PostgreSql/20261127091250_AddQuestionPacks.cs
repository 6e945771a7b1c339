using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PartyProtocol.Web.Persistence.Migrations.PostgreSql
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false, collation: "case_insensitive"),
                    GameKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    QuestionCount = table.Column<int>(type: "integer", nullable: false),
                    ShareCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Truth = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Alternates = table.Column<List<string>>(type: "text[]", nullable: false),
                    Decoys = table.Column<List<string>>(type: "text[]", nullable: false),
                    FamilyFriendly = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PackId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
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
                    PresetId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    BuiltIn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PackId = table.Column<long>(type: "bigint", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Choices = table.Column<List<string>>(type: "text[]", nullable: false),
                    Correct = table.Column<int>(type: "integer", nullable: false),
                    FamilyFriendly = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TimeLimitSeconds = table.Column<int>(type: "integer", nullable: true),
                    PackId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
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
                SELECT q."PresetId", (c.ordinality - 1)::integer, c.category, NULL
                FROM "QuizPresetSettings" AS q, unnest(q."Categories") WITH ORDINALITY AS c(category, ordinality);
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

            migrationBuilder.AddColumn<List<string>>(
                name: "Categories",
                table: "QuizPresetSettings",
                type: "text[]",
                nullable: false);
        }
    }
}
