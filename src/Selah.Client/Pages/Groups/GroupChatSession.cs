using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Client.Api;
using Selah.Contracts.Community;

namespace Selah.Client.Pages.Groups;

/// <summary>
/// One page's live connection to a group's chat on <c>/hubs/groups</c>: keeps the messages (oldest first, history paged
/// in with <see cref="LoadOlderAsync"/>), who is online, who is typing and how far others have read; rejoins after a
/// reconnect and turns hub refusals into <see cref="Error"/> instead of exceptions.
/// </summary>
public sealed class GroupChatSession(GroupsApi api) : IAsyncDisposable
{
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TypingSendEvery = TimeSpan.FromSeconds(2);
    private readonly Dictionary<Guid, (string Name, DateTimeOffset Until)> _typing = [];
    private HubConnection? _connection;
    private Guid _groupId;
    private DateTimeOffset _lastTypingSent;
    private Guid? _lastMarked;

    public List<GroupMessageResponse> Messages { get; } = [];

    public IReadOnlyList<CommunityUser> Online { get; private set; } = [];

    /// <summary>Each member's read position (user id → newest message read).</summary>
    public Dictionary<Guid, Guid> ReadBy { get; } = [];

    public string? OlderCursor { get; private set; }

    public bool Loaded { get; private set; }

    public string? Error { get; private set; }

    /// <summary>connecting, live, reconnecting or offline.</summary>
    public string Status { get; private set; } = "connecting";

    public event Func<Task>? Changed;

    /// <summary>Names of the people typing now (not counting expired ones).</summary>
    public IReadOnlyList<string> Typing
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return _typing.Values.Where(t => t.Until > now).Select(t => t.Name).Order(StringComparer.CurrentCulture).ToList();
        }
    }

    public async Task StartAsync(Guid groupId)
    {
        _groupId = groupId;
        try
        {
            var page = await api.MessagesAsync(groupId);
            Messages.AddRange(page.Items.Reverse());
            OlderCursor = page.NextCursor;
            Loaded = true;
        }
        catch (ApiProblemException e)
        {
            Error = e.Problem.Title;
            Status = "offline";
            return;
        }

        _connection = api.ChatConnection();
        _connection.On<GroupMessageResponse>("message", m => Upsert(m, addIfMissing: true));
        _connection.On<GroupMessageResponse>("messageEdited", m => Upsert(m, addIfMissing: false));
        _connection.On<ChatDeletedEvent>("messageDeleted", OnDeletedAsync);
        _connection.On<ChatTypingEvent>("typing", OnTypingAsync);
        _connection.On<ChatPresenceEvent>("presence", p => { Online = p.Online; return NotifyAsync(); });
        _connection.On<ChatReadEvent>("read", r => { ReadBy[r.UserId] = r.MessageId; return NotifyAsync(); });
        _connection.Reconnecting += _ => SetStatusAsync("reconnecting");
        _connection.Reconnected += async _ => await JoinAsync();
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
            Error = "Could not connect to the live chat. Messages still send; reload to see new ones.";
            Status = "offline";
        }
    }

    public async Task LoadOlderAsync()
    {
        if (OlderCursor is null)
        {
            return;
        }

        var page = await api.MessagesAsync(_groupId, OlderCursor);
        var known = Messages.Select(m => m.Id).ToHashSet();
        Messages.InsertRange(0, page.Items.Where(m => !known.Contains(m.Id)).Reverse());
        OlderCursor = page.NextCursor;
    }

    /// <summary>Sends through the hub when live, else through the REST API; the stored message is shown at once.</summary>
    public async Task<GroupMessageResponse> SendAsync(string text, IReadOnlyList<Guid>? attachmentIds = null)
    {
        GroupMessageResponse message;
        if (_connection is { State: HubConnectionState.Connected })
        {
            try
            {
                message = attachmentIds is { Count: > 0 }
                    ? await _connection.InvokeAsync<GroupMessageResponse>("SendMessageWithImages", _groupId, text, attachmentIds.ToArray())
                    : await _connection.InvokeAsync<GroupMessageResponse>("SendMessage", _groupId, text);
            }
            catch (HubException e)
            {
                throw new ApiProblemException(new ApiProblem(400, Clean(e.Message)));
            }
        }
        else
        {
            message = await api.SendMessageAsync(_groupId, text, attachmentIds);
        }

        await Upsert(message, addIfMissing: true);
        return message;
    }

    public async Task EditAsync(Guid messageId, string text) => await Upsert(await api.EditMessageAsync(_groupId, messageId, text), addIfMissing: false);

    public async Task DeleteAsync(Guid messageId)
    {
        await api.DeleteMessageAsync(_groupId, messageId);
        await OnDeletedAsync(new ChatDeletedEvent(_groupId, messageId));
    }

    /// <summary>Tells the others you are typing, at most every 3 seconds.</summary>
    public async Task TypingAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (_connection is not { State: HubConnectionState.Connected } || now - _lastTypingSent < TypingSendEvery)
        {
            return;
        }

        _lastTypingSent = now;
        try
        {
            await _connection.InvokeAsync("Typing", _groupId);
        }
        catch (HubException)
        {
            // Not joined (yet): typing hints are best effort.
        }
    }

    /// <summary>Moves your read marker to the newest published message you have seen.</summary>
    public async Task MarkReadAsync()
    {
        var newest = Messages.LastOrDefault(m => m.Status == "published" && !m.Deleted)?.Id;
        if (newest is not { } id || id == _lastMarked || _connection is not { State: HubConnectionState.Connected })
        {
            return;
        }

        _lastMarked = id;
        try
        {
            await _connection.InvokeAsync<ChatReadState>("MarkRead", _groupId, id);
        }
        catch (HubException)
        {
            _lastMarked = null;
        }
    }

    private async Task JoinAsync()
    {
        var joined = await _connection!.InvokeAsync<ChatJoinResult>("JoinGroup", _groupId);
        Online = joined.Online;
        Error = null;
        await SetStatusAsync("live");
    }

    private Task Upsert(GroupMessageResponse message, bool addIfMissing)
    {
        if (message.GroupId != _groupId)
        {
            return Task.CompletedTask;
        }

        var index = Messages.FindIndex(m => m.Id == message.Id);
        if (index >= 0)
        {
            Messages[index] = message;
        }
        else if (addIfMissing)
        {
            // Ids are time-ordered (v7): keep the list sorted even when a live message overtakes a reply.
            var at = Messages.FindLastIndex(m => m.Id.CompareTo(message.Id) < 0) + 1;
            Messages.Insert(at, message);
            if (message.Author is { } author)
            {
                _typing.Remove(author.Id);
            }
        }

        return NotifyAsync();
    }

    private Task OnDeletedAsync(ChatDeletedEvent deleted)
    {
        if (deleted.GroupId == _groupId)
        {
            Messages.RemoveAll(m => m.Id == deleted.MessageId);
        }

        return NotifyAsync();
    }

    private async Task OnTypingAsync(ChatTypingEvent typing)
    {
        if (typing.GroupId != _groupId)
        {
            return;
        }

        _typing[typing.UserId] = (typing.DisplayName, DateTimeOffset.UtcNow + TypingShownFor);
        await NotifyAsync();
        _ = ExpireTypingAsync();
    }

    private async Task ExpireTypingAsync()
    {
        await Task.Delay(TypingShownFor + TimeSpan.FromMilliseconds(100));
        await NotifyAsync();
    }

    private async Task SetStatusAsync(string status)
    {
        Status = status;
        await NotifyAsync();
    }

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    internal static string Clean(string message)
    {
        var at = message.IndexOf("HubException: ", StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + "HubException: ".Length)..] : message;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !text[..colon].Contains(' ', StringComparison.Ordinal) ? text[(colon + 2)..] : text; // "not-found: The group…" → "The group…"
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
