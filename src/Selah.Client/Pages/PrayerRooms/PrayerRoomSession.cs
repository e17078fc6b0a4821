using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Client.Api;
using Selah.Contracts.Community;

namespace Selah.Client.Pages.PrayerRooms;

/// <summary>
/// One page's live connection to a prayer room on <c>/hubs/prayer-rooms</c>: the room (pinned request, open/closed), the
/// prayer list, the chat and who is praying now; rejoins after a reconnect; hub refusals become <see cref="Error"/>.
/// </summary>
public sealed class PrayerRoomSession(PrayerRoomsApi api) : IAsyncDisposable
{
    private HubConnection? _connection;
    private Guid _roomId;

    public PrayerRoomResponse? Room { get; private set; }

    public List<PrayerRoomRequestResponse> Requests { get; } = [];

    public List<PrayerRoomMessageResponse> Messages { get; } = [];

    public IReadOnlyList<CommunityUser> Praying { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The prayer list holds a full page: older requests may be loaded (<see cref="LoadEarlierRequestsAsync"/>).</summary>
    public bool HasEarlierRequests { get; private set; }

    /// <summary>The server's page size of the prayer list.</summary>
    public const int RequestPage = 200;

    /// <summary>connecting, live, reconnecting or offline.</summary>
    public string Status { get; private set; } = "connecting";

    public event Func<Task>? Changed;

    public async Task StartAsync(Guid roomId)
    {
        _roomId = roomId;
        _connection = api.LiveConnection();
        _connection.On<PrayerRoomMessageResponse>("message", m => { Add(Messages, m, m.Id, x => x.Id); return NotifyAsync(); });
        _connection.On<PrayerRoomMessageResponse>("messageEdited", ReplaceMessageAsync);
        _connection.On<PrayerRoomMessageDeletedEvent>("messageDeleted", d => { Messages.RemoveAll(m => m.Id == d.MessageId); return NotifyAsync(); });
        _connection.On<PrayerRoomRequestResponse>("request", OnRequestAsync);
        _connection.On<PrayerRoomPrayingEvent>("praying", OnPrayingAsync);
        _connection.On<PrayerRoomPinnedEvent>("pinned", p => { Room = Room! with { Pinned = p.Request }; return NotifyAsync(); });
        _connection.On<PrayerRoomPresenceEvent>("presence", p => { Praying = p.Praying; return NotifyAsync(); });
        _connection.On<PrayerRoomClosedEvent>("roomClosed", c => { Room = Room! with { IsOpen = false, ClosedAt = c.ClosedAt }; return NotifyAsync(); });
        _connection.Reconnecting += _ => SetStatusAsync("reconnecting");
        _connection.Reconnected += async _ => await JoinAsync();
        _connection.Closed += _ => SetStatusAsync("offline");
        try
        {
            await _connection.StartAsync();
            await JoinAsync();
            var history = await api.MessagesAsync(roomId);
            foreach (var message in history.Items)
            {
                Add(Messages, message, message.Id, x => x.Id);
            }

            await NotifyAsync();
        }
        catch (HubException e)
        {
            Error = Clean(e.Message);
            Status = "offline";
        }
        catch (ApiProblemException e)
        {
            Error = e.Problem.Title;
        }
        catch (Exception e) when (HubStart.Failed(e))
        {
            Error = "Could not connect to the prayer room. Check your connection and reload.";
            Status = "offline";
        }
    }

    public Task<PrayerRoomMessageResponse> SendMessageAsync(string text) =>
        InvokeAsync<PrayerRoomMessageResponse>("SendMessage", async m => { Add(Messages, m, m.Id, x => x.Id); await NotifyAsync(); }, _roomId, text);

    public Task<PrayerRoomRequestResponse> AddRequestAsync(string text) => InvokeAsync<PrayerRoomRequestResponse>("AddRequest", OnRequestAsync, _roomId, text);

    public Task<PrayerRoomRequestResponse> PrayingAsync(Guid requestId) =>
        InvokeAsync<PrayerRoomRequestResponse>("Praying", r => Replace(r), _roomId, requestId);

    public Task<PrayerRoomResponse> PinAsync(Guid? requestId) =>
        InvokeAsync<PrayerRoomResponse>("PinRequest", r => { Room = r; return NotifyAsync(); }, _roomId, requestId!);

    public async Task EditMessageAsync(Guid messageId, string text) => await ReplaceMessageAsync(await api.EditMessageAsync(_roomId, messageId, text));

    public async Task DeleteMessageAsync(Guid messageId)
    {
        await api.DeleteMessageAsync(_roomId, messageId);
        Messages.RemoveAll(m => m.Id == messageId);
        await NotifyAsync();
    }

    public async Task LoadEarlierRequestsAsync()
    {
        if (Requests.Count == 0)
        {
            return;
        }

        var earlier = await api.EarlierRequestsAsync(_roomId, Requests[0].Id, RequestPage);
        foreach (var request in earlier)
        {
            Add(Requests, request, request.Id, r => r.Id);
        }

        HasEarlierRequests = earlier.Count >= RequestPage;
        await NotifyAsync();
    }

    private Task ReplaceMessageAsync(PrayerRoomMessageResponse message)
    {
        var index = Messages.FindIndex(m => m.Id == message.Id);
        if (index >= 0)
        {
            Messages[index] = message;
        }

        return NotifyAsync();
    }

    public async Task CloseAsync()
    {
        Room = await api.CloseAsync(_roomId);
        await NotifyAsync();
    }

    private async Task JoinAsync()
    {
        var joined = await _connection!.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", _roomId);
        Room = joined.Room;
        Praying = joined.Praying;
        Requests.Clear();
        Requests.AddRange(joined.Requests);
        HasEarlierRequests = joined.Requests.Count >= RequestPage;
        Error = null;
        await SetStatusAsync("live");
    }

    private async Task<T> InvokeAsync<T>(string method, Func<T, Task> accept, params object?[] args)
    {
        if (_connection is not { State: HubConnectionState.Connected })
        {
            throw new ApiProblemException(new ApiProblem(0, "The prayer room is not connected.", "Wait a moment or reload the page."));
        }

        try
        {
            var result = await _connection.InvokeCoreAsync<T>(method, args);
            await accept(result);
            return result;
        }
        catch (HubException e)
        {
            throw new ApiProblemException(new ApiProblem(400, Clean(e.Message)));
        }
    }

    private Task OnRequestAsync(PrayerRoomRequestResponse request)
    {
        var index = Requests.FindIndex(r => r.Id == request.Id);
        if (index >= 0)
        {
            Requests[index] = request with { IAmPraying = Requests[index].IAmPraying || request.IAmPraying };
        }
        else
        {
            Add(Requests, request, request.Id, r => r.Id);
        }

        return NotifyAsync();
    }

    private Task Replace(PrayerRoomRequestResponse request)
    {
        var index = Requests.FindIndex(r => r.Id == request.Id);
        if (index >= 0)
        {
            Requests[index] = request;
        }

        if (Room?.Pinned?.Id == request.Id)
        {
            Room = Room with { Pinned = request };
        }

        return NotifyAsync();
    }

    private Task OnPrayingAsync(PrayerRoomPrayingEvent praying)
    {
        var index = Requests.FindIndex(r => r.Id == praying.RequestId);
        if (index >= 0)
        {
            Requests[index] = Requests[index] with { PrayingCount = praying.PrayingCount };
        }

        if (Room?.Pinned?.Id == praying.RequestId)
        {
            Room = Room with { Pinned = Room.Pinned with { PrayingCount = praying.PrayingCount } };
        }

        return NotifyAsync();
    }

    // Ids are time-ordered (v7): insert in order and never twice.
    private static void Add<T>(List<T> list, T item, Guid id, Func<T, Guid> idOf)
    {
        if (list.Any(x => idOf(x) == id))
        {
            return;
        }

        list.Insert(list.FindLastIndex(x => idOf(x).CompareTo(id) < 0) + 1, item);
    }

    private async Task SetStatusAsync(string status)
    {
        Status = status;
        await NotifyAsync();
    }

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    private static string Clean(string message) => Groups.GroupChatSession.Clean(message);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
