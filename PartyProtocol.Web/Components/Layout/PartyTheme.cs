using MudBlazor;

namespace PartyProtocol.Web.Components.Layout;

/// <summary>
/// The one theme: dark and high-contrast so a TV is readable from the sofa, with the same colours as app.css.
/// </summary>
public static class PartyTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#ff4f9a",
            PrimaryContrastText = "#1a0b14",
            Secondary = "#3ee0d0",
            SecondaryContrastText = "#062421",
            Tertiary = "#ffd23f",
            TertiaryContrastText = "#2a2000",
            Success = "#4ade80",
            Error = "#ff6b6b",
            Warning = "#ff9f43",
            Info = "#60a5fa",
            Background = "#0f0a24",
            BackgroundGray = "#160f33",
            Surface = "#1c1442",
            AppbarBackground = "#160f33",
            DrawerBackground = "#160f33",
            TextPrimary = "#fff8f0",
            TextSecondary = "#c4bbef",
            TextDisabled = "rgba(255,248,240,0.45)",
            ActionDefault = "#fff8f0",
            ActionDisabled = "rgba(255,248,240,0.4)",
            ActionDisabledBackground = "rgba(255,255,255,0.10)",
            LinesDefault = "rgba(255,255,255,0.14)",
            LinesInputs = "rgba(255,255,255,0.45)",
            Divider = "rgba(255,255,255,0.14)",
            OverlayDark = "rgba(8,5,26,0.8)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Nunito", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
            },
            H1 = new H1Typography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600" },
            H2 = new H2Typography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600" },
            H3 = new H3Typography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600" },
            H4 = new H4Typography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600" },
            H5 = new H5Typography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600" },
            H6 = new H6Typography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = ["Fredoka", "Nunito", "sans-serif"], FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "14px" },
    };
}
