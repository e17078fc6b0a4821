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
  push: {
    // "unsupported", "denied", "granted" or "default" (not asked yet).
    state: () => ("serviceWorker" in navigator && "PushManager" in window && "Notification" in window) ? Notification.permission : "unsupported",
    // Asks permission and subscribes through the service worker; returns PushSubscription.toJSON() or null.
    subscribe: async (vapidPublicKey) => {
      if (!("serviceWorker" in navigator) || !("PushManager" in window)) return null;
      const permission = await Notification.requestPermission();
      if (permission !== "granted") return null;
      const registration = await navigator.serviceWorker.ready;
      const padded = (vapidPublicKey + "===".slice((vapidPublicKey.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
      const key = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
      let subscription = await registration.pushManager.getSubscription();
      if (!subscription) {
        subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      }
      return subscription.toJSON();
    },
    // This browser's current subscription endpoint, or null.
    endpoint: async () => {
      if (!("serviceWorker" in navigator) || !("PushManager" in window)) return null;
      const registration = await navigator.serviceWorker.getRegistration();
      const subscription = registration ? await registration.pushManager.getSubscription() : null;
      return subscription ? subscription.endpoint : null;
    },
    unsubscribe: async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const subscription = registration ? await registration.pushManager.getSubscription() : null;
      if (subscription) await subscription.unsubscribe();
    },
  },
};
