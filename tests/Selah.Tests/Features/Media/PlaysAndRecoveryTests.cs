using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary>Play counting (once, at 30 s really listened) and retry of failed processing.</summary>
public sealed class PlaysTests(SelahFactory factory) : IClassFixture<SelahFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Puts the clock back, so tokens issued by later tests are not dated in the future of the token validator.</summary>
    public Task DisposeAsync()
    {
        factory.Clock.UtcNow = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    private async Task<Guid> ReadyTrackAsync(HttpClient admin, double seconds)
    {
        var upload = await admin.UploadAcceptedAsync(await MediaSteps.MakeAudioAsync("opus", seconds), "play.opus");
        Assert.Equal(TrackStatus.Ready, (await admin.WaitForProcessingAsync(upload.Id)).Status);
        return upload.Id;
    }

    private static async Task<PlayEventResponse> EventAsync(HttpClient client, Guid trackId, string @event, double position, Guid? playbackId) =>
        await (await client.PostJsonAsync("/api/v1/plays", new { trackId, @event, positionSeconds = position, playbackId })).ReadJsonAsync<PlayEventResponse>();

    [Fact]
    public async Task A_play_counts_once_at_30_seconds_and_jumps_do_not_inflate_it()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var trackId = await ReadyTrackAsync(admin, 40);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);

        var start = await EventAsync(listener, trackId, "start", 0, null);
        Assert.False(start.Counted);

        // Seeking to 35 s after one second of wall-clock time: only that second counts as listening.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var jump = await EventAsync(listener, trackId, "progress", 35, start.PlaybackId);
        Assert.False(jump.Counted);
        Assert.InRange(jump.ListenedSeconds, 0.9, 1.5);

        factory.Clock.Advance(TimeSpan.FromSeconds(20));
        var back = await EventAsync(listener, trackId, "progress", 5, start.PlaybackId); // seek back: nothing gained
        Assert.InRange(back.ListenedSeconds, 0.9, 1.5);

        factory.Clock.Advance(TimeSpan.FromSeconds(29));
        var thirty = await EventAsync(listener, trackId, "progress", 34, start.PlaybackId);
        Assert.True(thirty.Counted, $"listened {thirty.ListenedSeconds}");

        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await EventAsync(listener, trackId, "complete", 39, start.PlaybackId);
        Assert.True(again.Counted);

        var track = await (await admin.GetAsync($"/api/v1/tracks/{trackId}")).ReadJsonAsync<TrackResponse>();
        Assert.Equal(1, track.PlayCount);
    }

    [Fact]
    public async Task A_short_track_counts_when_completed()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var trackId = await ReadyTrackAsync(admin, 3);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var start = await EventAsync(listener, trackId, "start", 0, Guid.NewGuid());
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var done = await EventAsync(listener, trackId, "complete", 3, start.PlaybackId);
        Assert.True(done.Counted);
    }

    [Fact]
    public async Task Plays_need_a_signed_in_user_and_a_valid_event()
    {
        using var anonymous = factory.CreateClient();
        var response = await anonymous.PostJsonAsync("/api/v1/plays", new { trackId = Guid.NewGuid(), @event = "start", positionSeconds = 0 });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        await (await listener.PostJsonAsync("/api/v1/plays", new { trackId = Guid.NewGuid(), @event = "rewind", positionSeconds = 0 }))
            .ShouldBeValidationProblemAsync("event");
        await (await listener.PostJsonAsync("/api/v1/plays", new { trackId = Guid.NewGuid(), @event = "start", positionSeconds = 0 }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_failed_track_shows_its_error_and_can_be_retried_by_its_manager()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var upload = await admin.UploadAcceptedAsync(await MediaSteps.MakeAudioAsync("wav", 1), "fail.wav");
        await admin.WaitForProcessingAsync(upload.Id);

        // Break the stored original, then retry: processing fails with a readable error, not a stack trace.
        var original = Directory.GetFiles(Path.Combine(factory.DataDirectory, "media", "tracks", upload.Id.ToString("n")), "original.*").Single();
        await File.WriteAllBytesAsync(original, new byte[1000]);
        await SetStatusAsync(upload.Id, TrackStatus.Failed);
        await (await admin.PostAsync($"/api/v1/tracks/{upload.Id}/retry", null)).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var failed = await admin.WaitForProcessingAsync(upload.Id);
        Assert.Equal(TrackStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.DoesNotContain(" at Selah.", failed.Error);

        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await listener.PostAsync($"/api/v1/tracks/{upload.Id}/retry", null)).StatusCode);

        await File.WriteAllBytesAsync(original, await MediaSteps.MakeAudioAsync("wav", 1));
        await (await admin.PostAsync($"/api/v1/tracks/{upload.Id}/retry", null)).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal(TrackStatus.Ready, (await admin.WaitForProcessingAsync(upload.Id)).Status);
        await (await admin.PostAsync($"/api/v1/tracks/{upload.Id}/retry", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    private async Task SetStatusAsync(Guid id, TrackStatus status)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
        await db.Tracks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status));
    }
}
