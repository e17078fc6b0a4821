using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary>A server stopped while tracks are processing leaves them for the next start, which finishes them.</summary>
public sealed class ProcessingRestartTests
{
    [Fact]
    public async Task Tracks_interrupted_by_a_stop_or_left_without_a_job_finish_after_restart()
    {
        await using var store = new SharedStore();
        Guid interrupted;
        Guid orphaned;
        var first = new SharedStoreFactory(store);
        try
        {
            using var admin = await first.CreateAdminClientAsync();
            orphaned = (await admin.UploadAcceptedAsync(await MediaSteps.MakeAudioAsync("flac", 2), "orphan.flac")).Id;
            Assert.Equal(TrackStatus.Ready, (await admin.WaitForProcessingAsync(orphaned)).Status);

            // A crash between the database write and the job store write: the row says processing, no job exists.
            await using (var scope = first.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
                await db.Tracks.Where(t => t.Id == orphaned).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TrackStatus.Processing));
            }

            // Upload a longer track and stop the server while its job is queued or running.
            interrupted = (await admin.UploadAcceptedAsync(await MediaSteps.MakeAudioAsync("wav", 20), "long.wav")).Id;
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = new SharedStoreFactory(store);
        using var again = await second.CreateAdminClientAsync();
        var finished = await again.WaitForProcessingAsync(interrupted);
        Assert.True(finished.Status == TrackStatus.Ready, finished.Error);
        Assert.InRange(finished.DurationSeconds ?? 0, 19.5, 20.5);
        var recovered = await again.WaitForProcessingAsync(orphaned);
        Assert.Equal(TrackStatus.Ready, recovered.Status);
        using var anonymous = second.CreateClient();
        Assert.True((await anonymous.GetByteArrayAsync($"/api/v1/tracks/{interrupted}/stream?format=opus")).Length > 1000);
    }
}
