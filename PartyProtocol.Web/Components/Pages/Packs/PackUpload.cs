using Microsoft.AspNetCore.Components.Forms;
using PartyProtocol.Core.Engine;

namespace PartyProtocol.Web.Components.Pages.Packs;

/// <summary>A pack file uploaded on the packs page or in the editor: JSON (the pack file format) by its name, else CSV rows.</summary>
internal static class PackUpload
{
    /// <summary>The file's text, or why it cannot be read (it is larger than <paramref name="maxBytes"/>).</summary>
    public static async Task<(string? Text, FieldError? Problem)> ReadAsync(IBrowserFile file, int maxBytes)
    {
        try
        {
            await using var stream = file.OpenReadStream(maxBytes);
            using var reader = new StreamReader(stream);
            return (await reader.ReadToEndAsync(), null);
        }
        catch (IOException)
        {
            return (null, new FieldError("file_too_large", $"The file is larger than {maxBytes / 1024} KB.", maxBytes / 1024));
        }
    }

    public static bool IsJson(IBrowserFile file) => file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
