using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PartyProtocol.Web.Localization;

/// <summary>
/// MudBlazor's own words (a number field's "Increment" and "Decrement" buttons, its "Not a valid number") in the screen's
/// language, <see cref="PartyText"/>'s rather than the circuit's culture: <c>Mud_&lt;MudBlazor's key&gt;</c> in
/// <see cref="Texts"/>, else MudBlazor's English.
/// </summary>
public sealed class PartyMudTexts(PartyText texts, ILoggerFactory loggers) : ILocalizationInterceptor
{
    private readonly DefaultLocalizationInterceptor _mudBlazors = new(loggers);

    public LocalizedString Handle(string key, params object[] arguments)
    {
        var text = texts["Mud_" + key, arguments];
        return text.ResourceNotFound ? _mudBlazors.Handle(key, arguments) : new LocalizedString(key, text.Value);
    }
}
