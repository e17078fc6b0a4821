using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Bible;

public static class BibleExtensions
{
    /// <summary>Bible import (start-up and <c>bible import</c> command), reads, search, verse of the day, annotations, plans.</summary>
    public static IHostApplicationBuilder AddBible(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSelahOptions<BibleOptions>(BibleOptions.Section);
        builder.Services.AddSingleton<BibleImporter>();
        builder.Services.AddSingleton<BibleSeeder>();
        builder.Services.AddSingleton<IStartupSeeder>(sp => sp.GetRequiredService<BibleSeeder>());
        builder.Services.AddScoped<IStartupSeeder, ReadingPlanSeeder>();
        return builder;
    }

    /// <summary>Reads are anonymous; <c>/api/v1/me/bible</c> (highlights, bookmarks, notes, plans) needs a signed-in user.</summary>
    public static IEndpointRouteBuilder MapBibleApi(this IEndpointRouteBuilder app)
    {
        var bible = app.MapGroup("/api/v1/bible").WithTags("Bible").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        bible.MapVerseOfTheDay();
        bible.MapReadingPlanReads();
        bible.MapBibleReads();

        var me = app.MapGroup("/api/v1/me/bible").WithTags("Bible").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        me.MapBibleAnnotations();
        me.MapReadingPlanProgress();

        var admin = app.MapGroup("/api/v1/admin/bible").WithTags("Bible").RequireAuthorization(Accounts.Policies.Admin)
            .AddEndpointFilter<ValidationFilter>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapReadingPlanAdmin();
        return app;
    }
}
