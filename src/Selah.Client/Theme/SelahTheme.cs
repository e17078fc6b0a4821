using MudBlazor;

namespace Selah.Client.Theme;

/// <summary>Selah's palette: warm clay and walnut with sage, on cream (light) or deep umber (dark).</summary>
public static class SelahTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#8a4b2a",
            PrimaryContrastText = "#ffffff",
            Secondary = "#4f6b5a",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#9a6b12",
            Info = "#2f6690",
            Success = "#2e7d4f",
            Warning = "#8a5a00",
            Error = "#b3261e",
            Background = "#faf6f0",
            Surface = "#ffffff",
            AppbarBackground = "#5b3a29",
            AppbarText = "#fff8f0",
            DrawerBackground = "#f3ebe0",
            DrawerText = "#2e2520",
            DrawerIcon = "#6b4a36",
            TextPrimary = "#2e2520",
            TextSecondary = "#5c5048",
            ActionDefault = "#5c5048",
            LinesDefault = "#e2d6c8",
            TableLines = "#e8ddd0",
            Divider = "#e2d6c8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#e3a67f",
            PrimaryContrastText = "#2a160b",
            Secondary = "#a9c4b0",
            SecondaryContrastText = "#14221a",
            Tertiary = "#e3bf6e",
            Info = "#8cc0e8",
            Success = "#8fd1a6",
            Warning = "#f0c060",
            Error = "#f2a59e",
            Background = "#1e1915",
            Surface = "#2a231e",
            AppbarBackground = "#2a211b",
            AppbarText = "#f3eae0",
            DrawerBackground = "#241e19",
            DrawerText = "#f3eae0",
            DrawerIcon = "#e3a67f",
            TextPrimary = "#f3eae0",
            TextSecondary = "#cdbfb2",
            ActionDefault = "#cdbfb2",
            LinesDefault = "#4a3f37",
            TableLines = "#3d342d",
            Divider = "#4a3f37",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
        // Sentence-case buttons read calmer than the Material default of capitals.
        Typography = new Typography { Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" } },
    };
}
