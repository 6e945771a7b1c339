namespace PartyProtocol.Web.Components.Shared;

/// <summary>
/// Lets a component skip re-rendering when what it would draw has not changed. Every event makes each screen read its
/// view again and re-render from the page down, and Blazor re-renders every child that takes an object parameter; a
/// child whose output depends on a few values compares them here in <c>ShouldRender</c> and is left alone when they are
/// the same — so the MudBlazor controls inside it are not rebuilt and diffed for nothing.
/// </summary>
public sealed class RenderGate
{
    private object? _last;
    private bool _rendered;

    /// <summary>True (and remembers <paramref name="key"/>) when it differs from the key of the last render.</summary>
    /// <param name="key">Everything the component's output depends on, as a value (a tuple of strings, numbers, flags).</param>
    public bool Changed(object key)
    {
        if (_rendered && Equals(_last, key))
        {
            return false;
        }

        _rendered = true;
        _last = key;
        return true;
    }

    /// <summary>A list's items as one comparable value (null stays null).</summary>
    public static string? Join(IEnumerable<string>? items) => items is null ? null : string.Join('\u001f', items);
}
