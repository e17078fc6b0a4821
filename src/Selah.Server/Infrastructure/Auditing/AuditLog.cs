using System.Text.Json;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Infrastructure.Auditing;

/// <summary>Adds audit entries to the caller's unit of work, so the entry is saved in the same transaction as the change.</summary>
public sealed class AuditLog(TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(SelahDbContext db, Guid? actorId, string action, string targetType, string targetId, object? before, object? after)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = actorId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            At = clock.GetUtcNow(),
        });
    }
}
