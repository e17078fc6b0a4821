namespace Selah.Client.Api;

/// <summary>What a hub connection's start may fail with when the page still works without live updates.</summary>
public static class HubStart
{
    /// <summary>
    /// Offline, refused, timed out, or stopped because the page went away while connecting (the connection is disposed
    /// mid-start: SignalR then reports every transport as failed in an <see cref="AggregateException"/>). None of these
    /// may reach the renderer as an unhandled exception.
    /// </summary>
    public static bool Failed(Exception e) =>
        e is HttpRequestException or InvalidOperationException or TimeoutException or OperationCanceledException or AggregateException;
}
