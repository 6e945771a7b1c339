namespace PartyProtocol.Web.Components.Layout;

/// <summary>
/// The layout of the phone's pages (join, play): the same page frame without MudBlazor's dialog, snackbar and popover
/// providers, which the phone never uses. Each is a component with its own state and scoped services in every circuit,
/// and a room has many more phones than TVs.
/// </summary>
public sealed class PhoneLayout : MainLayout
{
    protected override bool HostsOverlays => false;
}
