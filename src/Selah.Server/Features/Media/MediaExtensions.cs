using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Jobs;
using Selah.Server.Infrastructure.Media;

namespace Selah.Server.Features.Media;

public static class MediaExtensions
{
    /// <summary>The media pipeline: ffmpeg/ffprobe adapters, ingest, the durable processing job (Quartz) and crash recovery.</summary>
    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSelahOptions<MediaOptions>(MediaOptions.Section);
        var options = builder.Configuration.ReadSection<MediaOptions>(MediaOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new MediaTools(new Ffmpeg(media.FfmpegPath), new Ffprobe(media.FfprobePath));
        });
        builder.Services.AddSingleton<TrackIngest>();
        builder.Services.AddSingleton<TrackProcessor>();
        builder.Services.AddSingleton<TrackJobs>();
        builder.Services.AddSingleton<StreamTargets>();
        builder.Services.AddHostedService<MediaToolsCheck>();
        builder.AddSelahJobs(Math.Clamp(options.ConcurrentJobs, 1, 32));
        builder.Services.AddHostedService<ProcessingRecovery>(); // after the scheduler: it schedules jobs
        return builder;
    }

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var media = app.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        app.MapUploadApi(media.MaxUploadBytes);
        app.MapStreamApi();
        app.MapPlaysApi();
        return app;
    }
}
