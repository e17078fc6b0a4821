// Small browser helpers the Blazor client calls through JS interop.
window.selah = {
  theme: {
    // "dark", "light", or null when the person has not chosen (then the system setting applies).
    load: () => {
      try { return localStorage.getItem("selah.theme"); } catch { return null; }
    },
    save: (value) => {
      try { localStorage.setItem("selah.theme", value); } catch { /* private mode: keep the choice for this visit only */ }
    },
    prefersDark: () => window.matchMedia("(prefers-color-scheme: dark)").matches,
    apply: (isDark) => {
      document.documentElement.style.colorScheme = isDark ? "dark" : "light";
      const meta = document.querySelector('meta[name="theme-color"]');
      if (meta) meta.setAttribute("content", isDark ? "#2a211b" : "#5b3a29");
    },
  },
  network: {
    // Calls component.OnNetworkChanged(online) on every change; returns whether the browser is online now.
    watch: (component) => {
      const report = () => component.invokeMethodAsync("OnNetworkChanged", navigator.onLine);
      window.addEventListener("online", report);
      window.addEventListener("offline", report);
      return navigator.onLine;
    },
  },
  time: {
    zone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    zones: () => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"]),
  },
};
