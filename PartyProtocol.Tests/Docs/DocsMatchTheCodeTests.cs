using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Events;
using PartyProtocol.Web.Api;
using PartyProtocol.Web.Composition;

namespace PartyProtocol.Tests.Docs;

/// <summary>
/// docs/events.md and docs/api.md against the code: every event record's fields are the documented fields, every
/// documented event exists, every game's events and error codes are documented in its own section.
/// </summary>
public sealed partial class DocsMatchTheCodeTests
{
    private static readonly Lazy<IReadOnlyList<ICartridge>> Games = new(() =>
        [.. new ServiceCollection()
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new ContentOptions()))
            .AddInstalledGames()
            .BuildServiceProvider()
            .GetServices<ICartridge>()]);

    private static readonly Lazy<EventsDoc> Events = new(() => EventsDoc.Parse(File.ReadAllText(DocPath("events.md"))));

    [Fact]
    public void EveryPlatformEventIsDocumentedWithExactlyItsRecordsFields()
    {
        foreach (var definition in PlatformEvents.All)
        {
            AssertDocumented(definition, Events.Value.Section("Platform events"));
        }
    }

    [Fact]
    public void EveryEventOfEveryGameIsDocumentedInItsSectionOrAmongTheSharedOnes()
    {
        Assert.True(Games.Value.Count >= 2, "The installed games could not be built for the check.");
        foreach (var game in Games.Value)
        {
            var own = Events.Value.Section($"{game.Name} events");
            var shared = Events.Value.Section("Events every game may use");
            foreach (var definition in game.Events)
            {
                var section = own.ContainsKey(definition.Type) ? own : shared;
                Assert.True(section.ContainsKey(definition.Type), $"{game.Name}'s event '{definition.Type}' is not in docs/events.md.");
                AssertDocumented(definition, section);
            }

            var undeclared = own.Keys.Where(type => game.Events.All(e => e.Type != type)).ToList();
            Assert.True(undeclared.Count == 0, $"docs/events.md documents {string.Join(", ", undeclared)} under {game.Name}, which does not emit them.");
        }
    }

    [Fact]
    public void EveryErrorCodeIsDocumentedAndEachGamesCodesUnderItsOwnName()
    {
        var api = File.ReadAllText(DocPath("api.md"));
        var platform = ErrorCodes.All.Concat(typeof(ApiErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!));
        foreach (var code in platform)
        {
            Assert.Contains($"| `{code}` |", api, StringComparison.Ordinal);
        }

        var declared = api[api.IndexOf("### Codes games declare", StringComparison.Ordinal)..api.IndexOf("## Endpoints", StringComparison.Ordinal)];
        foreach (var game in Games.Value)
        {
            var start = declared.IndexOf($"**{game.Name}**", StringComparison.Ordinal);
            Assert.True(start >= 0, $"docs/api.md has no error codes section for {game.Name}.");
            var next = declared.IndexOf("**", start + game.Name.Length + 4, StringComparison.Ordinal);
            var section = next < 0 ? declared[start..] : declared[start..next];
            foreach (var error in game.Errors)
            {
                Assert.Contains($"| `{error.Code}` | {ApiProblem.StatusCodeFor(error.Kind)} |", section, StringComparison.Ordinal);
            }
        }
    }

    private static void AssertDocumented(EventDefinition definition, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> section)
    {
        Assert.True(section.TryGetValue(definition.Type, out var fields), $"'{definition.Type}' is not documented in its section of docs/events.md.");
        var properties = JsonSerializerOptionsForDocs.GetTypeInfo(definition.DataType).Properties.ToDictionary(p => p.Name, p => p.PropertyType);
        Assert.True(properties.Keys.Order(StringComparer.Ordinal).SequenceEqual(fields.Keys.Order(StringComparer.Ordinal)),
            $"'{definition.Type}': the record {definition.DataType.Name} has [{string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}], " +
            $"docs/events.md has [{string.Join(", ", fields.Keys.Order(StringComparer.Ordinal))}].");
        foreach (var (name, type) in properties)
        {
            var documented = fields[name];
            Assert.True(documented.StartsWith(JsonType(type), StringComparison.Ordinal),
                $"'{definition.Type}'.{name} is {JsonType(type)} in {definition.DataType.Name}, but docs/events.md says '{documented}'.");
        }
    }

    private static JsonSerializerOptions JsonSerializerOptionsForDocs => GameJson.Options;

    /// <summary>The JSON type as docs/events.md names it.</summary>
    private static string JsonType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsEnum || type == typeof(DateTimeOffset))
        {
            return "string";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "integer";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "number";
        }

        if (type == typeof(bool))
        {
            return "boolean";
        }

        if (type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
        {
            return "object";
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Single();
            return JsonType(element) + "[]";
        }

        return "object";
    }

    private static string DocPath(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "docs", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"docs/{name} was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>docs/events.md read as sections (## headings) of events (### headings) with their field tables.</summary>
    private sealed partial class EventsDoc(Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>> sections)
    {
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Section(string name) =>
            sections.TryGetValue(name, out var section) ? section : throw new InvalidOperationException($"docs/events.md has no section '## {name}'.");

        public static EventsDoc Parse(string markdown)
        {
            var sections = new Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
            Dictionary<string, IReadOnlyDictionary<string, string>>? section = null;
            List<string> types = [];
            Dictionary<string, string>? fields = null;
            foreach (var line in markdown.Split('\n').Select(l => l.TrimEnd('\r')))
            {
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    section = sections[line[3..].Trim()] = new(StringComparer.Ordinal);
                    types = [];
                }
                else if (line.StartsWith("### ", StringComparison.Ordinal) && section is not null)
                {
                    types = [.. Code().Matches(line).Select(m => m.Groups[1].Value)];
                    fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var type in types)
                    {
                        section[type] = fields;
                    }
                }
                else if (fields is not null && line.StartsWith("| `", StringComparison.Ordinal))
                {
                    var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                    foreach (Match name in Code().Matches(cells[1]))
                    {
                        fields[name.Groups[1].Value] = cells[2];
                    }
                }
            }

            return new EventsDoc(sections);
        }

        [GeneratedRegex("`([^`]+)`")]
        private static partial Regex Code();
    }
}
