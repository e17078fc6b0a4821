using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;

namespace Selah.Server.Infrastructure.Caching;

/// <summary>An entity whose cached projections carry these tags; saving it (added, changed or deleted) invalidates them.</summary>
public interface ICacheTagged
{
    IEnumerable<string> CacheTags { get; }
}

/// <summary>
/// Invalidates the cache tags of every <see cref="ICacheTagged"/> entity a <c>SaveChanges</c> touches — once before
/// the write and once after it commits, so a reader that re-fills the cache in between cannot keep the old row.
/// One place for invalidation means a feature that edits a track cannot forget it. (Bulk <c>ExecuteUpdate</c> on
/// tagged entities bypasses this and must invalidate itself.)
/// </summary>
public sealed class CacheTagInvalidator(IServiceProvider services) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, string[]> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Invalidate(Collect(eventData.Context)).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Invalidate(Collect(eventData.Context));
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Invalidate(Take(eventData.Context)).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await Invalidate(Take(eventData.Context));
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private string[] Collect(DbContext? context)
    {
        if (context is null)
        {
            return [];
        }

        var tags = context.ChangeTracker.Entries()
            .Where(e => e.Entity is ICacheTagged && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => ((ICacheTagged)e.Entity).CacheTags)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        _pending.AddOrUpdate(context, tags);
        return tags;
    }

    private string[] Take(DbContext? context) =>
        context is not null && _pending.TryGetValue(context, out var tags) && _pending.Remove(context) ? tags : [];

    private ValueTask Invalidate(string[] tags) =>
        tags.Length == 0 ? ValueTask.CompletedTask : services.GetRequiredService<HybridCache>().RemoveByTagAsync(tags);
}
