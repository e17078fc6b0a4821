using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Selah.Client.Api;
using Selah.Contracts.Catalog;

namespace Selah.Client.Components.Player;

public enum RepeatMode
{
    Off,
    All,
    One,
}

/// <summary>
/// The one player of the app (a singleton, so it outlives every page): the queue, the current track, shuffle, repeat,
/// volume, loudness normalisation and speed. Drives <c>js/player.js</c>, saves itself to localStorage, and reports
/// plays to <c>POST /api/v1/plays</c> (start, progress every 15 s, complete, skip).
/// </summary>
public sealed class PlayerService(IJSRuntime js, PlayerApi api, AuthenticationStateProvider auth) : IAsyncDisposable
{
    /// <summary>Loudness the normaliser aims for (LUFS), as the large streaming services do.</summary>
    public const double TargetLufs = -14;

    /// <summary>Headroom kept below 0 dBTP when a quiet track would be turned up.</summary>
    public const double PeakCeilingDb = -1;

    private const int MaxSavedQueue = 500;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(15);
    private static readonly double[] Speeds = [0.75, 1, 1.25, 1.5, 2];

    private readonly List<TrackResponse> _queue = [];
    private List<TrackResponse>? _unshuffled;
    private IJSObjectReference? _module;
    private DotNetObjectReference<PlayerService>? _self;
    private Task? _initTask;
    private string? _format;
    private Guid? _playbackId;
    private DateTimeOffset _lastReport;
    private bool _startReported;

    public event Action? Changed;

    /// <summary>Raised about four times a second while playing (position only), so only the scrubber re-renders.</summary>
    public event Action? TimeChanged;

    public IReadOnlyList<TrackResponse> Queue => _queue;
    public int Index { get; private set; } = -1;
    public TrackResponse? Current => Index >= 0 && Index < _queue.Count ? _queue[Index] : null;
    public bool IsPlaying { get; private set; }
    public bool IsBuffering { get; private set; }
    public double Position { get; private set; }
    public double Duration { get; private set; }
    public bool Shuffle { get; private set; }
    public RepeatMode Repeat { get; private set; }
    public double Volume { get; private set; } = 1;
    public bool Muted { get; private set; }
    public bool Normalize { get; private set; } = true;
    public double Speed { get; private set; } = 1;
    public string? Error { get; private set; }
    public bool QueueOpen { get; set; }
    public bool LyricsOpen { get; set; }
    public bool HasNext => Index + 1 < _queue.Count || (Repeat == RepeatMode.All && _queue.Count > 0);
    public static IReadOnlyList<double> SpeedChoices => Speeds;

    /// <summary>Loads player.js and restores the saved queue and position (paused). Safe to call more than once.</summary>
    public Task InitializeAsync() => _initTask ??= InitializeCoreAsync();

    private async Task InitializeCoreAsync()
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./js/player.js");
        _self = DotNetObjectReference.Create(this);
        _format = await _module.InvokeAsync<string?>("init", _self);
        await RestoreAsync();
    }

    // ---- Commands ----

    /// <summary>Replaces the queue with <paramref name="tracks"/> and plays the one at <paramref name="startIndex"/>.</summary>
    public async Task PlayAsync(IReadOnlyList<TrackResponse> tracks, int startIndex = 0, bool shuffle = false)
    {
        await InitializeAsync();
        var playable = tracks.Where(IsPlayable).ToList();
        if (playable.Count == 0)
        {
            return;
        }

        var start = startIndex >= 0 && startIndex < tracks.Count ? playable.FindIndex(t => t.Id == tracks[startIndex].Id) : 0;
        await ReportSkipAsync();
        _queue.Clear();
        _queue.AddRange(playable);
        _unshuffled = null;
        Index = Math.Max(0, start);
        Shuffle = false;
        if (shuffle)
        {
            Index = Random.Shared.Next(_queue.Count);
            ApplyShuffle();
        }

        await LoadCurrentAsync(0, autoplay: true);
    }

    public Task PlayTrackAsync(TrackResponse track) => PlayAsync([track]);

    /// <summary>Inserts the track right after the current one.</summary>
    public async Task PlayNextAsync(TrackResponse track)
    {
        if (!IsPlayable(track))
        {
            return;
        }

        if (Current is null)
        {
            await PlayAsync([track]);
            return;
        }

        _queue.Insert(Index + 1, track);
        _unshuffled?.Add(track);
        await AfterQueueChangeAsync();
    }

    public async Task AddToQueueAsync(IEnumerable<TrackResponse> tracks)
    {
        var playable = tracks.Where(IsPlayable).ToList();
        if (playable.Count == 0)
        {
            return;
        }

        if (Current is null)
        {
            await PlayAsync(playable);
            return;
        }

        _queue.AddRange(playable);
        _unshuffled?.AddRange(playable);
        await AfterQueueChangeAsync();
    }

    public async Task TogglePlayAsync()
    {
        await InitializeAsync();
        if (Current is null)
        {
            return;
        }

        if (IsPlaying)
        {
            await _module!.InvokeVoidAsync("pause");
        }
        else
        {
            await _module!.InvokeAsync<bool>("play");
        }
    }

    public async Task NextAsync()
    {
        if (_queue.Count == 0)
        {
            return;
        }

        await ReportSkipAsync();
        if (Index + 1 < _queue.Count)
        {
            Index++;
        }
        else if (Repeat == RepeatMode.All)
        {
            Index = 0;
        }
        else
        {
            return;
        }

        await LoadCurrentAsync(0, autoplay: true);
    }

    /// <summary>Back to the start of the track after 3 s, otherwise the previous track.</summary>
    public async Task PreviousAsync()
    {
        if (_queue.Count == 0)
        {
            return;
        }

        if (Position > 3 || (Index == 0 && Repeat != RepeatMode.All))
        {
            await SeekAsync(0);
            return;
        }

        await ReportSkipAsync();
        Index = Index > 0 ? Index - 1 : _queue.Count - 1;
        await LoadCurrentAsync(0, autoplay: true);
    }

    public async Task JumpToAsync(int index)
    {
        if (index < 0 || index >= _queue.Count)
        {
            return;
        }

        await ReportSkipAsync();
        Index = index;
        await LoadCurrentAsync(0, autoplay: true);
    }

    public async Task SeekAsync(double seconds)
    {
        if (_module is null || Current is null)
        {
            return;
        }

        Position = Math.Max(0, seconds);
        await _module.InvokeVoidAsync("seek", Position);
        TimeChanged?.Invoke();
    }

    public async Task ToggleShuffleAsync()
    {
        if (Shuffle)
        {
            if (_unshuffled is not null && Current is { } current)
            {
                var kept = _unshuffled.Where(t => _queue.Contains(t)).ToList();
                _queue.Clear();
                _queue.AddRange(kept);
                Index = Math.Max(0, _queue.IndexOf(current));
            }

            _unshuffled = null;
            Shuffle = false;
        }
        else
        {
            ApplyShuffle();
        }

        await AfterQueueChangeAsync();
    }

    /// <summary>Keeps the current track and shuffles everything else after it.</summary>
    private void ApplyShuffle()
    {
        _unshuffled = [.. _queue];
        if (Current is { } current)
        {
            var rest = _queue.Where((_, i) => i != Index).ToArray();
            Random.Shared.Shuffle(rest);
            _queue.Clear();
            _queue.Add(current);
            _queue.AddRange(rest);
            Index = 0;
        }

        Shuffle = true;
    }

    public async Task CycleRepeatAsync()
    {
        Repeat = Repeat switch
        {
            RepeatMode.Off => RepeatMode.All,
            RepeatMode.All => RepeatMode.One,
            _ => RepeatMode.Off,
        };
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("setLoop", Repeat == RepeatMode.One);
        }

        await AfterQueueChangeAsync();
    }

    public async Task SetVolumeAsync(double volume)
    {
        Volume = Math.Clamp(volume, 0, 1);
        if (Volume > 0)
        {
            Muted = false;
        }

        await ApplyVolumeAsync();
    }

    public async Task ToggleMuteAsync()
    {
        Muted = !Muted;
        await ApplyVolumeAsync();
    }

    public async Task SetNormalizeAsync(bool normalize)
    {
        Normalize = normalize;
        await ApplyVolumeAsync();
    }

    public async Task SetSpeedAsync(double speed)
    {
        Speed = Math.Clamp(speed, 0.5, 3);
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("setRate", Speed);
        }

        await SaveAsync();
        Changed?.Invoke();
    }

    public async Task RemoveAtAsync(int index)
    {
        if (index < 0 || index >= _queue.Count)
        {
            return;
        }

        var removed = _queue[index];
        _queue.RemoveAt(index);
        _unshuffled?.Remove(removed);
        if (index < Index)
        {
            Index--;
        }
        else if (index == Index)
        {
            await ReportSkipAsync();
            if (_queue.Count == 0)
            {
                Index = -1;
                await _module!.InvokeVoidAsync("stop");
                IsPlaying = false;
                Position = Duration = 0;
            }
            else
            {
                Index = Math.Min(Index, _queue.Count - 1);
                await LoadCurrentAsync(0, autoplay: IsPlaying);
                return;
            }
        }

        await AfterQueueChangeAsync();
    }

    /// <summary>Moves the queue entry at <paramref name="from"/> to <paramref name="to"/>; the current track keeps playing.</summary>
    public async Task MoveAsync(int from, int to)
    {
        if (from < 0 || from >= _queue.Count || to < 0 || to >= _queue.Count || from == to)
        {
            return;
        }

        var current = Current;
        var item = _queue[from];
        _queue.RemoveAt(from);
        _queue.Insert(to, item);
        Index = current is null ? -1 : _queue.IndexOf(current);
        await AfterQueueChangeAsync();
    }

    public async Task ClearUpcomingAsync()
    {
        if (Index + 1 < _queue.Count)
        {
            _queue.RemoveRange(Index + 1, _queue.Count - Index - 1);
        }

        await AfterQueueChangeAsync();
    }

    public bool IsCurrent(Guid trackId) => Current?.Id == trackId;

    public static bool IsPlayable(TrackResponse track) => track.Status == TrackStatus.Ready;

    /// <summary>Gain (linear) that brings the track to <see cref="TargetLufs"/> without pushing its true peak above the ceiling.</summary>
    public static double GainFor(TrackResponse? track)
    {
        if (track?.LoudnessLufs is not { } lufs)
        {
            return 1;
        }

        var db = TargetLufs - lufs;
        if (track.TruePeakDb is { } peak)
        {
            db = Math.Min(db, PeakCeilingDb - peak);
        }

        return Math.Pow(10, db / 20);
    }

    public string? SourceFor(TrackResponse track) => _format switch
    {
        "opus" => PlayerApi.StreamUrl(track.Id, "opus"),
        "aac" => PlayerApi.StreamUrl(track.Id, "aac"),
        "hls" => PlayerApi.HlsUrl(track.Id),
        _ => null,
    };

    // ---- Callbacks from player.js ----

    [JSInvokable]
    public Task OnTime(double position, double duration)
    {
        Position = position;
        if (duration > 0)
        {
            Duration = duration;
        }

        TimeChanged?.Invoke();
        return IsPlaying && DateTimeOffset.UtcNow - _lastReport >= ProgressInterval ? ReportAsync("progress") : Task.CompletedTask;
    }

    [JSInvokable]
    public async Task OnPlaying(bool playing)
    {
        IsPlaying = playing;
        IsBuffering = false;
        if (playing)
        {
            Error = null;
            if (!_startReported)
            {
                _startReported = true;
                await ReportAsync("start");
            }
        }

        Changed?.Invoke();
    }

    [JSInvokable]
    public void OnWaiting()
    {
        IsBuffering = true;
        Changed?.Invoke();
    }

    [JSInvokable]
    public void OnError(string message)
    {
        IsPlaying = false;
        IsBuffering = false;
        Error = "This track could not be played. Check your connection and try again.";
        Console.Error.WriteLine($"player: {message}");
        Changed?.Invoke();
    }

    /// <summary>The track ended and player.js had nothing preloaded: move on here.</summary>
    [JSInvokable]
    public async Task OnEnded()
    {
        await ReportAsync("complete", Duration);
        _playbackId = null;
        if (Index + 1 < _queue.Count || Repeat == RepeatMode.All)
        {
            Index = Index + 1 < _queue.Count ? Index + 1 : 0;
            await LoadCurrentAsync(0, autoplay: true);
        }
        else
        {
            IsPlaying = false;
            Position = 0;
            await _module!.InvokeVoidAsync("seek", 0);
            await SaveAsync();
            Changed?.Invoke();
        }
    }

    /// <summary>player.js already switched to the preloaded next track (near-gapless); catch up.</summary>
    [JSInvokable]
    public async Task OnAdvanced()
    {
        await ReportAsync("complete", Duration);
        Index = Index + 1 < _queue.Count ? Index + 1 : 0;
        await AfterTrackChangedAsync();
    }

    [JSInvokable]
    public Task OnCommand(string command) => command switch
    {
        "play" => IsPlaying ? Task.CompletedTask : TogglePlayAsync(),
        "pause" => IsPlaying ? TogglePlayAsync() : Task.CompletedTask,
        "toggle" => TogglePlayAsync(),
        "next" => NextAsync(),
        "previous" => PreviousAsync(),
        "mute" => ToggleMuteAsync(),
        _ => Task.CompletedTask,
    };

    // ---- Internals ----

    private async Task LoadCurrentAsync(double startAt, bool autoplay)
    {
        if (_module is null || Current is not { } track)
        {
            return;
        }

        Position = startAt;
        Duration = track.DurationSeconds ?? 0;
        Error = null;
        var src = SourceFor(track);
        if (src is null)
        {
            Error = "This browser cannot play Opus, AAC or HLS audio.";
            Changed?.Invoke();
            return;
        }

        IsBuffering = autoplay;
        await AfterTrackChangedAsync(beforeLoad: true);
        await _module.InvokeVoidAsync("setVolume", Volume, Muted, Normalize ? GainFor(track) : 1);
        await _module.InvokeVoidAsync("setRate", Speed);
        var started = await _module.InvokeAsync<bool>("load", src, startAt, autoplay);
        await _module.InvokeVoidAsync("setLoop", Repeat == RepeatMode.One);
        if (autoplay && !started)
        {
            IsBuffering = false;
        }

        Changed?.Invoke();
    }

    private async Task AfterTrackChangedAsync(bool beforeLoad = false)
    {
        _playbackId = Guid.NewGuid();
        _startReported = false;
        _lastReport = DateTimeOffset.UtcNow;
        if (Current is { } track && _module is not null)
        {
            if (!beforeLoad)
            {
                Duration = track.DurationSeconds ?? 0;
                await _module.InvokeVoidAsync("setVolume", Volume, Muted, Normalize ? GainFor(track) : 1);
                await _module.InvokeVoidAsync("setLoop", Repeat == RepeatMode.One);
            }

            await _module.InvokeVoidAsync("setMetadata", track.Title, track.Artist.Name, track.Album?.Title, track.CoverUrl ?? track.Album?.CoverUrl);
        }

        await AfterQueueChangeAsync();
    }

    /// <summary>Preloads whatever plays next, saves, and tells the UI.</summary>
    private async Task AfterQueueChangeAsync()
    {
        if (_module is not null)
        {
            var next = Repeat == RepeatMode.One ? null
                : Index + 1 < _queue.Count ? _queue[Index + 1]
                : Repeat == RepeatMode.All && _queue.Count > 1 ? _queue[0]
                : null;
            await _module.InvokeVoidAsync("preload", next is null ? null : SourceFor(next));
        }

        await SaveAsync();
        Changed?.Invoke();
    }

    private async Task ApplyVolumeAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("setVolume", Volume, Muted, Normalize ? GainFor(Current) : 1);
        }

        await SaveAsync();
        Changed?.Invoke();
    }

    private async Task ReportSkipAsync()
    {
        if (_startReported && Current is not null && Duration > 0 && Position < Duration - 0.5)
        {
            await ReportAsync("skip");
        }

        _startReported = false;
    }

    private async Task ReportAsync(string @event, double? position = null)
    {
        if (Current is not { } track || _playbackId is not { } playbackId)
        {
            return;
        }

        _lastReport = DateTimeOffset.UtcNow;
        var state = await auth.GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        try
        {
            await api.ReportAsync(new PlayEventRequest
            {
                TrackId = track.Id,
                Event = @event,
                PositionSeconds = Math.Clamp(position ?? Position, 0, 86400),
                PlaybackId = playbackId,
            });
        }
        catch (ApiProblemException ex)
        {
            // Reporting must never stop the music; a rate limit or a dropped connection only loses one event.
            Console.Error.WriteLine($"player: play report failed: {ex.Problem.Title}");
        }
    }

    private sealed record SavedState(List<TrackResponse> Queue, int Index, bool Shuffle, RepeatMode Repeat, double Volume, bool Muted, bool Normalize, double Speed);

    private async Task SaveAsync()
    {
        if (_module is null)
        {
            return;
        }

        var start = Math.Max(0, Math.Min(Index, _queue.Count - MaxSavedQueue));
        var queue = _queue.Skip(start).Take(MaxSavedQueue).ToList();
        var json = JsonSerializer.Serialize(new SavedState(queue, Index - start, Shuffle, Repeat, Volume, Muted, Normalize, Speed), ApiJson.Options);
        await _module.InvokeVoidAsync("saveState", json);
    }

    private sealed record LoadedState(string? State, double Position);

    private async Task RestoreAsync()
    {
        var loaded = await _module!.InvokeAsync<LoadedState>("loadState");
        if (string.IsNullOrEmpty(loaded.State))
        {
            return;
        }

        SavedState? saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedState>(loaded.State, ApiJson.Options);
        }
        catch (JsonException)
        {
            return; // an older or damaged save: start empty
        }

        if (saved is null)
        {
            return;
        }

        _queue.Clear();
        _queue.AddRange(saved.Queue.Where(t => t?.Artist is not null));
        Index = _queue.Count == 0 ? -1 : Math.Clamp(saved.Index, 0, _queue.Count - 1);
        Shuffle = saved.Shuffle;
        Repeat = saved.Repeat;
        Volume = Math.Clamp(saved.Volume, 0, 1);
        Muted = saved.Muted;
        Normalize = saved.Normalize;
        Speed = Speeds.Contains(saved.Speed) ? saved.Speed : 1;
        if (Current is not null)
        {
            await LoadCurrentAsync(Math.Max(0, loaded.Position), autoplay: false);
        }

        Changed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }

        _self?.Dispose();
    }
}
