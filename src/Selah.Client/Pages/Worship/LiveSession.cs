using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Client.Api;
using Selah.Contracts.Worship;

namespace Selah.Client.Pages.Worship;

/// <summary>
/// One page's connection to a set list's live session: joins, keeps the newest slide (by version), rejoins after a
/// reconnect, and turns hub refusals into an error message instead of an exception.
/// </summary>
public sealed class LiveSession(WorshipApi api) : IAsyncDisposable
{
    private HubConnection? _connection;
    private Guid _setListId;

    public WorshipSessionState? State { get; private set; }

    public WorshipSlideMessage? Slide { get; private set; }

    public string? Error { get; private set; }

    /// <summary>connecting, live, reconnecting or offline.</summary>
    public string Status { get; private set; } = "connecting";

    public event Func<Task>? Changed;

    public async Task StartAsync(Guid setListId)
    {
        _setListId = setListId;
        _connection = api.LiveConnection();
        _connection.On<WorshipSlideMessage>("slide", message => AcceptAsync(message));
        _connection.On<Guid>("removed", async id =>
        {
            if (id == _setListId)
            {
                Error = "You are no longer on this set list's team, so the live session has stopped.";
                await SetStatusAsync("offline");
            }
        });
        _connection.Reconnecting += _ => SetStatusAsync("reconnecting");
        _connection.Reconnected += async _ =>
        {
            await JoinAsync();
        };
        _connection.Closed += _ => SetStatusAsync("offline");
        try
        {
            await _connection.StartAsync();
            await JoinAsync();
        }
        catch (HubException e)
        {
            Error = Clean(e.Message);
            Status = "offline";
        }
        catch (Exception e) when (HubStart.Failed(e))
        {
            Error = "Could not connect to the live session. Check your connection and reload.";
            Status = "offline";
        }
    }

    public Task NextAsync() => InvokeAsync("Next", _setListId);

    public Task PreviousAsync() => InvokeAsync("Previous", _setListId);

    public Task GoToAsync(int item, int slide) => InvokeAsync("GoTo", _setListId, item, slide);

    public Task BlankAsync(bool blank) => InvokeAsync("Blank", _setListId, blank);

    private async Task JoinAsync()
    {
        State = await _connection!.InvokeAsync<WorshipSessionState>("Join", _setListId);
        Error = null;
        Slide = State.Slide;
        await SetStatusAsync("live");
    }

    private async Task InvokeAsync(string method, params object[] args)
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            var message = await _connection.InvokeCoreAsync<WorshipSlideMessage>(method, args);
            Error = null;
            await AcceptAsync(message);
        }
        catch (HubException e)
        {
            Error = Clean(e.Message);
            await NotifyAsync();
        }
        catch (InvalidOperationException)
        {
            Error = "The live session is not connected.";
            await NotifyAsync();
        }
    }

    private async Task AcceptAsync(WorshipSlideMessage message)
    {
        if (Slide is not null && message.Version < Slide.Version && message.ChangedAt <= Slide.ChangedAt)
        {
            return; // an older message arriving late
        }

        Slide = message;
        await NotifyAsync();
    }

    private async Task SetStatusAsync(string status)
    {
        Status = status;
        await NotifyAsync();
    }

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    // "An unexpected error occurred invoking 'Next' on the server. HubException: Only the …" → "Only the …"
    private static string Clean(string message)
    {
        var at = message.IndexOf("HubException: ", StringComparison.Ordinal);
        return at >= 0 ? message[(at + "HubException: ".Length)..] : message;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
