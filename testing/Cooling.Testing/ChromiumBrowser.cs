using Cooling.Hil.Rig;

namespace Cooling.Testing;

/// <summary>
/// The Debian chromium that browser tests drive headless through Microsoft.Playwright
/// (<c>new BrowserTypeLaunchOptions { ExecutablePath = ChromiumBrowser.ExecutablePath, Headless = true, Args = ChromiumBrowser.Arguments }</c>).
/// </summary>
public static class ChromiumBrowser
{
    /// <summary>Where Debian installs chromium.</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The chromium executable; throws with the package to install when it is missing.</summary>
    public static string ExecutablePath => InstalledProgram.Find("chromium", "chromium", DebianPath);

    /// <summary>
    /// Command-line switches for a headless run in a container or CI: no sandbox (root has none to enter), no GPU,
    /// /tmp instead of a small /dev/shm.
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
}
