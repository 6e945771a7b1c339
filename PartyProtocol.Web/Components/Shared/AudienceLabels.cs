using System.Globalization;
using System.Text.Json;
using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;

namespace PartyProtocol.Web.Components.Shared;

/// <summary>
/// What the audience's choices read as on the big screen, from the public view: an answer's text (<c>answers[].id</c>),
/// or a choice's text (<c>question.choices[].index</c>). A game whose view has neither shows the raw choices.
/// </summary>
public static class AudienceLabels
{
    public static IReadOnlyDictionary<string, string>? Of(SessionView view)
    {
        if (view.State is null)
        {
            return null;
        }

        var state = JsonSerializer.SerializeToElement(view.State, view.State.GetType(), GameJson.Options);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (state.TryGetProperty("answers", out var answers) && answers.ValueKind == JsonValueKind.Array)
        {
            foreach (var answer in answers.EnumerateArray())
            {
                if (answer.TryGetProperty("id", out var id) && answer.TryGetProperty("text", out var text))
                {
                    labels[id.GetString()!] = text.GetString()!;
                }
            }
        }
        else if (state.TryGetProperty("question", out var question) && question.ValueKind == JsonValueKind.Object
            && question.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                labels[choice.GetProperty("index").GetInt32().ToString(CultureInfo.InvariantCulture)] = choice.GetProperty("text").GetString()!;
            }
        }

        return labels.Count == 0 ? null : labels;
    }
}
