using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Quartz;
using Selah.Contracts.Community;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Community.Notifications.WebPush;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Email;
using Selah.Server.Infrastructure.Jobs;

namespace Selah.Server.Features.Community.Notifications;

/// <summary><c>Selah:Notifications:*</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Selah:Notifications";

    /// <summary>The address people reach this server at, for links in emails (unsubscribe, the notification page).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>How long after a release became public its followers are told (an album's tracks finish one by one).</summary>
    public TimeSpan ReleaseDelay { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The durable Quartz job (key <c>notifications.dispatch</c>, every minute and triggered after each save that queued a
/// delivery due now) that sends due <see cref="NotificationDelivery"/> rows. Clustered on PostgreSQL and never run
/// twice at once, and each row is claimed with a conditional update, so nothing is sent twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NotificationDispatchJob(NotificationDispatcher dispatcher, ILogger<NotificationDispatchJob> logger) : SelahJob(logger)
{
    public static readonly JobKey Key = new("dispatch", "notifications");

    protected override Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken) => dispatcher.RunAsync(cancellationToken);

    public static async Task TriggerAsync(ISchedulerFactory schedulers, ILogger logger)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            await scheduler.TriggerJob(Key);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not trigger the notification dispatch job; the minute schedule will send the deliveries");
        }
    }
}

/// <summary>Stores the dispatch job durably with its one-minute schedule at start-up (replacing an older definition).</summary>
internal sealed class NotificationDispatchSchedule(ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<NotificationDispatchJob>().WithIdentity(NotificationDispatchJob.Key).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity("dispatch-every-minute", "notifications").ForJob(NotificationDispatchJob.Key)
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Sends due deliveries: immediate emails (grouped per subject), daily digests (one mail per person), Web Push.</summary>
public sealed class NotificationDispatcher(
    IDbContextFactory<SelahDbContext> contexts, TimeProvider clock, IEmailSender email, WebPushSender push, UnsubscribeLinks unsubscribe,
    IOptions<NotificationOptions> options, ILogger<NotificationDispatcher> logger)
{
    private const int MaxAttempts = 6;
    private const int Batch = 500;

    /// <summary>How long a claimed delivery is left to its sender before another run may take it (a node died mid-send).</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var due = await db.NotificationDeliveries.AsNoTracking().Where(d => d.SentAt == null && d.DueAt <= now)
                .OrderBy(d => d.DueAt).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return;
            }

            var exhausted = due.Where(d => d.Attempts >= MaxAttempts).ToList(); // claimed that often and never finished: a sender keeps dying on it
            if (exhausted.Count > 0)
            {
                await FinishAsync(db, exhausted, now, cancellationToken);
                logger.LogWarning("Gave up on {Count} notification deliveries after {Attempts} attempts", exhausted.Count, MaxAttempts);
            }

            foreach (var person in due.Except(exhausted).GroupBy(d => d.RecipientId))
            {
                foreach (var unit in person.GroupBy(d => (d.Channel, d.Digest)))
                {
                    var claimed = await ClaimAsync(db, unit.ToList(), now, cancellationToken);
                    if (claimed.Count == 0)
                    {
                        continue;
                    }

                    bool ok;
                    try
                    {
                        ok = unit.Key.Channel == NotificationChannels.Push
                            ? await PushAsync(db, person.Key, claimed, cancellationToken)
                            : await EmailAsync(db, person.Key, claimed, unit.Key.Digest, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "Sending {Channel} notifications to {UserId} failed", unit.Key.Channel, person.Key);
                        ok = false;
                    }

                    if (ok)
                    {
                        await FinishAsync(db, claimed, clock.GetUtcNow(), cancellationToken);
                    }
                    else
                    {
                        await ReleaseAsync(db, claimed, now, cancellationToken);
                    }
                }
            }

            if (due.Count < Batch)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes the rows for this run unless another run already did: each claim counts an attempt and leases the row for
    /// <see cref="ClaimLease"/>. The row is finished only after the send, so a node that dies mid-send leaves it to be
    /// sent again when the lease ends (at least once: such a crash can repeat one email or push, never lose it).
    /// </summary>
    private static async Task<List<NotificationDelivery>> ClaimAsync(SelahDbContext db, List<NotificationDelivery> rows, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = new List<NotificationDelivery>();
        var lease = now + ClaimLease;
        foreach (var row in rows)
        {
            var id = row.Id;
            if (await db.NotificationDeliveries.Where(d => d.Id == id && d.SentAt == null && d.DueAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, lease).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct) == 1)
            {
                claimed.Add(row);
            }
        }

        return claimed;
    }

    /// <summary>Done with these rows: sent, dropped on purpose, or given up.</summary>
    private static Task FinishAsync(SelahDbContext db, List<NotificationDelivery> rows, DateTimeOffset now, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return db.NotificationDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.SentAt, now), ct);
    }

    /// <summary>A failed send: try again later with a growing pause (1, 2, 4 … minutes), and give up after a few tries.</summary>
    private async Task ReleaseAsync(SelahDbContext db, List<NotificationDelivery> rows, DateTimeOffset now, CancellationToken ct)
    {
        var attempted = rows.Where(r => r.Attempts + 1 < MaxAttempts).ToList(); // Attempts as read, before this run's claim
        foreach (var row in attempted)
        {
            var id = row.Id;
            var next = now.AddMinutes(Math.Pow(2, row.Attempts));
            await db.NotificationDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, next), ct);
        }

        var exhausted = rows.Except(attempted).ToList();
        if (exhausted.Count > 0)
        {
            await FinishAsync(db, exhausted, now, ct);
            logger.LogWarning("Gave up on {Count} notification deliveries after {Attempts} attempts", exhausted.Count, MaxAttempts);
        }
    }

    /// <summary>One line per subject, grouped ("Anna and 4 others prayed for your request"), most recent first.</summary>
    private static async Task<List<(string Text, string Path, string Type, string GroupKey)>> ComposeAsync(
        SelahDbContext db, IReadOnlyList<NotificationDelivery> rows, CancellationToken ct)
    {
        var names = await PostMapper.UserNamesAsync(db, rows.Where(r => r.ActorId.HasValue).Select(r => r.ActorId!.Value).Distinct().ToList(), ct);
        return rows.GroupBy(r => r.GroupKey).OrderByDescending(g => g.Max(r => r.CreatedAt)).Select(g =>
        {
            var latest = g.OrderByDescending(r => r.CreatedAt).First();
            var named = g.OrderByDescending(r => r.CreatedAt).Where(r => r.ActorId is { } a && names.ContainsKey(a)).Select(r => r.ActorId!.Value).Distinct().ToList();
            var anonymous = g.Count(r => r.ActorId is null);
            var row = new Notification
            {
                Type = latest.Type, GroupKey = latest.GroupKey, Excerpt = latest.Excerpt, Detail = latest.Detail, EventCount = named.Count + anonymous,
            };
            var actors = named.Select(a => new CommunityUser(a, names[a])).ToList();
            return (NotificationText.Compose(row, actors), PathOf(latest), latest.Type, latest.GroupKey);
        }).ToList();
    }

    /// <summary>Where a notification leads in the web app.</summary>
    public static string PathOf(NotificationDelivery d) => d.SubjectKind switch
    {
        "post" when d.SubjectId is { } id => $"/community/posts/{id}",
        "group" when d.SubjectId is { } id => $"/groups/{id}",
        "prayerRoom" when d.SubjectId is { } id => $"/prayer-rooms/{id}",
        "album" when d.SubjectId is { } id => $"/albums/{id}",
        "artist" when d.SubjectId is { } id => $"/artists/{id}",
        _ => "/notifications",
    };

    private async Task<bool> EmailAsync(SelahDbContext db, Guid userId, List<NotificationDelivery> rows, bool digest, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.EmailConfirmed, u.DisplayName }).FirstOrDefaultAsync(ct);
        var prefs = await NotificationPreferences.LoadAsync(db, userId, ct);
        if (user?.Email is null || !user.EmailConfirmed || prefs.EmailMode == EmailModes.Off)
        {
            return true; // nowhere to send, or they unsubscribed since: drop
        }

        var allowed = rows.Where(r => prefs.Allows(r.Type, NotificationChannels.Email)).ToList();
        if (allowed.Count == 0)
        {
            return true;
        }

        var lines = await ComposeAsync(db, allowed, ct);
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        var unsubscribeUrl = unsubscribe.UrlFor(baseUrl, userId);
        var subject = digest
            ? $"Your day on Selah: {lines.Count} {(lines.Count == 1 ? "update" : "updates")}"
            : lines.Count == 1 ? lines[0].Text : $"{lines[0].Text} (and {lines.Count - 1} more)";
        if (subject.Length > 150)
        {
            subject = subject[..147] + "…";
        }

        var text = new StringBuilder();
        text.AppendLine(digest ? $"Peace be with you, {user.DisplayName}. Here is what happened since yesterday:" : $"Hello {user.DisplayName},").AppendLine();
        var html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        html.Append("<p>").Append(WebUtility.HtmlEncode(digest ? $"Peace be with you, {user.DisplayName}. Here is what happened since yesterday:" : $"Hello {user.DisplayName},")).Append("</p><ul>");
        foreach (var line in lines)
        {
            text.AppendLine($"• {line.Text}").AppendLine($"  {baseUrl}{line.Path}");
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(baseUrl + line.Path)).Append("\">").Append(WebUtility.HtmlEncode(line.Text)).Append("</a></li>");
        }

        var settings = $"{baseUrl}/settings/notifications";
        text.AppendLine().AppendLine($"Choose what Selah emails you: {settings}").AppendLine($"Unsubscribe from all notification emails: {unsubscribeUrl}");
        html.Append("</ul><p style=\"color:#666;font-size:small\"><a href=\"").Append(WebUtility.HtmlEncode(settings)).Append("\">Notification settings</a> · <a href=\"")
            .Append(WebUtility.HtmlEncode(unsubscribeUrl)).Append("\">Unsubscribe</a></p></body></html>");
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click", // RFC 8058
        };
        await email.SendAsync(new EmailMessage(user.Email, subject, text.ToString(), html.ToString(), headers), ct);
        return true;
    }

    private async Task<bool> PushAsync(SelahDbContext db, Guid userId, List<NotificationDelivery> rows, CancellationToken ct)
    {
        var prefs = await NotificationPreferences.LoadAsync(db, userId, ct);
        var allowed = rows.Where(r => prefs.Allows(r.Type, NotificationChannels.Push)).ToList();
        var subscriptions = await db.PushSubscriptions.Where(s => s.UserId == userId).ToListAsync(ct);
        if (allowed.Count == 0 || subscriptions.Count == 0)
        {
            return true;
        }

        var anyFailed = false;
        var anyDelivered = false;
        foreach (var line in await ComposeAsync(db, allowed, ct))
        {
            var json = JsonSerializer.Serialize(new { title = "Selah", body = line.Text, url = line.Path, type = line.Type, tag = line.GroupKey }, JsonSerializerOptions.Web);
            var topic = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line.GroupKey)))[..32]; // ≤ 32 URL-safe characters
            var urgency = line.Type is NotificationTypes.Reaction or NotificationTypes.Follow ? "low" : "normal";
            foreach (var subscription in subscriptions.ToList())
            {
                switch (await push.SendAsync(subscription, json, urgency, topic, ct))
                {
                    case PushOutcome.Delivered:
                        subscription.LastSuccessAt = clock.GetUtcNow();
                        anyDelivered = true;
                        break;
                    case PushOutcome.Gone:
                        logger.LogInformation("Push subscription {Id} is gone (404/410); removing it", subscription.Id);
                        db.PushSubscriptions.Remove(subscription);
                        subscriptions.Remove(subscription);
                        break;
                    default:
                        anyFailed = true;
                        break;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return anyDelivered || !anyFailed; // retry only when no device got it for a transient reason
    }
}

/// <summary>Signed one-click unsubscribe links (HMAC-SHA256 with a key derived from the server's signing key).</summary>
public sealed class UnsubscribeLinks(SigningKeyStore keys)
{
    public string TokenFor(Guid userId) => Base64UrlEncoder.Encode(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"unsubscribe:{userId:N}")));

    public string UrlFor(string baseUrl, Guid userId) => $"{baseUrl}/api/v1/notifications/unsubscribe?user={userId:N}&token={TokenFor(userId)}";

    public bool Verify(Guid userId, string? token) =>
        token is { Length: > 0 and < 100 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TokenFor(userId)), Encoding.ASCII.GetBytes(token));

    private byte[] Key => HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Key.Key, 32, info: "selah email unsubscribe"u8.ToArray());
}
