using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Notifications;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>
/// Notifications beyond the app: preferences (validation, per user), immediate email and the daily digest,
/// one-click unsubscribe, quiet hours on the test clock, Web Push decrypted by npm http_ece, VAPID, dead subscriptions.
/// </summary>
public sealed class NotificationDeliveryTests(NotificationDeliveryFactory factory) : IClassFixture<NotificationDeliveryFactory>
{
    private const string Preferences = "/api/v1/notifications/preferences";

    [Fact]
    public async Task Preferences_have_defaults_change_per_type_and_channel_and_belong_to_their_owner()
    {
        using var anna = await factory.NewMemberAsync();
        using var ben = await factory.NewMemberAsync();
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync(Preferences)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var defaults = await (await anna.Client.GetAsync(Preferences)).ReadJsonAsync<NotificationPreferencesResponse>();
        Assert.Equal("dailyDigest", defaults.EmailMode);
        Assert.True(defaults.Types["comment"]["inApp"]);
        Assert.True(defaults.Types["comment"]["push"]);
        Assert.False(defaults.Types["reaction"]["email"]);
        Assert.Null(defaults.QuietHours);

        var changed = await (await anna.Client.PutJsonAsync(Preferences, new
        {
            types = new Dictionary<string, object> { ["comment"] = new { email = false }, ["follow"] = new { push = true } },
            emailMode = "immediate",
            digestHour = 18,
            timeZone = "Europe/Stockholm",
            quietHours = new { start = "22:00", end = "07:30" },
        })).ReadJsonAsync<NotificationPreferencesResponse>();
        Assert.False(changed.Types["comment"]["email"]);
        Assert.True(changed.Types["comment"]["push"]); // untouched switches keep their value
        Assert.True(changed.Types["follow"]["push"]);
        Assert.Equal(("immediate", 18, "Europe/Stockholm"), (changed.EmailMode, changed.DigestHour, changed.TimeZone));
        Assert.Equal(new QuietHours("22:00", "07:30"), changed.QuietHours);

        var reloaded = await (await anna.Client.GetAsync(Preferences)).ReadJsonAsync<NotificationPreferencesResponse>();
        Assert.False(reloaded.Types["comment"]["email"]);
        Assert.Equal(new QuietHours("22:00", "07:30"), reloaded.QuietHours);
        var bens = await (await ben.Client.GetAsync(Preferences)).ReadJsonAsync<NotificationPreferencesResponse>();
        Assert.True(bens.Types["comment"]["email"]);
        Assert.Equal("dailyDigest", bens.EmailMode);

        var cleared = await (await anna.Client.PutJsonAsync(Preferences, new { clearQuietHours = true })).ReadJsonAsync<NotificationPreferencesResponse>();
        Assert.Null(cleared.QuietHours);
        Assert.Equal("immediate", cleared.EmailMode);
    }

    [Fact]
    public async Task Bad_preferences_are_rejected_with_field_errors()
    {
        using var member = await factory.NewMemberAsync();
        var response = await member.Client.PutJsonAsync(Preferences, new
        {
            types = new Dictionary<string, object> { ["sermon"] = new { email = true }, ["comment"] = new { sms = true } },
            emailMode = "weekly",
            digestHour = 24,
            timeZone = "Mars/Olympus_Mons",
            quietHours = new { start = "25:00", end = "7" },
        });
        await response.ShouldBeValidationProblemAsync("types.sermon", "types.comment.sms", "emailMode", "digestHour", "timeZone", "quietHours.start", "quietHours.end");
        var unchanged = await (await member.Client.GetAsync(Preferences)).ReadJsonAsync<NotificationPreferencesResponse>();
        Assert.Equal("dailyDigest", unchanged.EmailMode);

        await (await member.Client.PutJsonAsync(Preferences, new { quietHours = new { start = "22:00", end = "22:00" } }))
            .ShouldBeValidationProblemAsync("quietHours.end");
    }

    [Fact]
    public async Task An_immediate_email_is_sent_after_the_save_with_a_signed_one_click_unsubscribe()
    {
        var (author, email) = await factory.NewMemberWithEmailAsync();
        using var _ = author;
        using var anna = await factory.NewMemberAsync();
        await author.PutPreferencesAsync(new { emailMode = "immediate" });
        var post = await author.PostAsync("testimony", "God healed my mother");

        await anna.CommentAsync(post.Id, "Hallelujah!");
        var mail = await factory.WaitForNotificationMailAsync(email);
        Assert.Contains($"{anna.DisplayName} commented on your post", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://selah.example.org/community/posts/{post.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.StartsWith("https://selah.example.org/api/v1/notifications/unsubscribe?", unsubscribe, StringComparison.Ordinal);
        var path = new Uri(unsubscribe).PathAndQuery;

        using var mailClient = factory.CreateClient(); // a mail client: no session
        await (await mailClient.PostAsync(path.Replace("token=", "token=x", StringComparison.Ordinal), null)).ShouldBeValidationProblemAsync("token");
        var confirm = await mailClient.GetAsync(path); // a link scanner's GET changes nothing
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("immediate", (await (await author.Client.GetAsync(Preferences)).ReadJsonAsync<NotificationPreferencesResponse>()).EmailMode);

        var oneClick = await mailClient.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal("off", (await (await author.Client.GetAsync(Preferences)).ReadJsonAsync<NotificationPreferencesResponse>()).EmailMode);

        // The signed-in user's own browser can use the page's button too (no antiforgery token needed for a signed link).
        await (await author.Client.PostAsync(path, null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_daily_digest_groups_events_at_the_users_hour_and_names_the_latest_person()
    {
        var (author, email) = await factory.NewMemberWithEmailAsync();
        using var _ = author;
        var now = factory.Clock.UtcNow;
        await author.PutPreferencesAsync(new { emailMode = "dailyDigest", digestHour = (now.Hour + 1) % 24, timeZone = "UTC" });
        var request = await author.PostAsync("prayerRequest", "Pray for our youth camp");
        var friends = new List<Member>();
        for (var i = 0; i < 4; i++)
        {
            friends.Add(await factory.NewMemberAsync());
            await (await friends[^1].Client.PostJsonAsync($"/api/v1/posts/{request.Id}/prayed", new { anonymous = i == 0 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        await factory.DispatchAsync();
        Assert.Empty(factory.NotificationMails(email));

        var digestAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        var jump = digestAt - now + TimeSpan.FromMinutes(1);
        factory.Clock.Advance(jump);
        try
        {
            await factory.DispatchAsync();
            var mail = await factory.WaitForNotificationMailAsync(email);
            Assert.StartsWith("Your day on Selah", mail.Subject, StringComparison.Ordinal);
            Assert.Contains($"{friends[^1].DisplayName} and 3 others prayed for your request", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(friends[0].DisplayName, mail.TextBody, StringComparison.Ordinal); // prayed anonymously
            Assert.Single(factory.NotificationMails(email));
        }
        finally
        {
            factory.Clock.Advance(-jump);
            friends.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_delivery_whose_sender_died_mid_send_is_sent_once_its_claim_lease_ends()
    {
        var (author, email) = await factory.NewMemberWithEmailAsync();
        using var _ = author;
        await author.PutPreferencesAsync(new { emailMode = "immediate" });
        var now = factory.Clock.GetUtcNow();
        var marker = CatalogSteps.NewMarker();
        // What a run leaves behind when its node dies between claiming a row and sending it: one attempt, leased, not finished.
        var id = await factory.WithDbAsync(async db =>
        {
            var row = new NotificationDelivery
            {
                RecipientId = author.Id, Channel = NotificationChannels.Email, Type = NotificationTypes.Comment, GroupKey = $"comment:{marker}",
                Excerpt = marker, CreatedAt = now, DueAt = now.AddMinutes(5), Attempts = 1,
            };
            db.NotificationDeliveries.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        await factory.DispatchAsync();
        Assert.Empty(factory.NotificationMails(email)); // still leased to the dead sender

        var jump = TimeSpan.FromMinutes(6);
        factory.Clock.Advance(jump);
        try
        {
            await factory.DispatchAsync();
            var mail = await factory.WaitForNotificationMailAsync(email);
            Assert.Contains("commented on your post", mail.Subject, StringComparison.Ordinal);
            var row = await factory.WithDbAsync(db => db.NotificationDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));
            Assert.NotNull(row.SentAt);
            Assert.Equal(2, row.Attempts);
            await factory.DispatchAsync();
            Assert.Single(factory.NotificationMails(email)); // finished: never sent twice by later runs
        }
        finally
        {
            factory.Clock.Advance(-jump);
        }
    }

    [Fact]
    public async Task Quiet_hours_hold_email_and_push_until_they_end_while_in_app_arrives_at_once()
    {
        var (author, email) = await factory.NewMemberWithEmailAsync();
        using var _ = author;
        using var anna = await factory.NewMemberAsync();
        using var subscriber = new TestPushSubscriber($"{factory.PushService.Url}/push/{Guid.NewGuid():N}");
        await (await author.Client.PostJsonAsync("/api/v1/push/subscriptions", subscriber.Body)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var now = factory.Clock.UtcNow;
        await author.PutPreferencesAsync(new
        {
            emailMode = "immediate", timeZone = "UTC",
            quietHours = new { start = NotificationDeliverySteps.HourMinute(now.AddHours(-1)), end = NotificationDeliverySteps.HourMinute(now.AddHours(1)) },
        });
        var post = await author.PostAsync("testimony", "Late night praise");

        await anna.CommentAsync(post.Id, "Amen");
        Assert.Single(await author.NotificationsAsync());
        await factory.DispatchAsync();
        Assert.Empty(factory.NotificationMails(email));
        var path = new Uri(subscriber.Endpoint).AbsolutePath;
        Assert.DoesNotContain(factory.PushService.LogEntries, e => e.RequestMessage.Path == path);

        var jump = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2);
        factory.Clock.Advance(jump);
        try
        {
            await factory.DispatchAsync();
            var mail = await factory.WaitForNotificationMailAsync(email);
            Assert.Contains("commented on your post", mail.Subject, StringComparison.Ordinal);
            var push = Assert.Single(await factory.WaitForPushesAsync(path));
            Assert.Contains("commented on your post", await subscriber.DecryptAsync(push.RequestMessage.BodyAsBytes!), StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.Advance(-jump);
        }
    }

    [Fact]
    public async Task A_push_is_encrypted_for_the_subscriber_signed_with_VAPID_and_decrypts_with_http_ece()
    {
        using var author = await factory.NewMemberAsync();
        using var anna = await factory.NewMemberAsync();
        using var subscriber = new TestPushSubscriber($"{factory.PushService.Url}/push/{Guid.NewGuid():N}");
        await (await author.Client.PostJsonAsync("/api/v1/push/subscriptions", subscriber.Body)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var post = await author.PostAsync("prayerRequest", "Pray for rain on our farm");

        await (await anna.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/prayed", new { })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var path = new Uri(subscriber.Endpoint).AbsolutePath;
        var request = Assert.Single(await factory.WaitForPushesAsync(path)).RequestMessage;

        var payload = JsonDocument.Parse(await subscriber.DecryptAsync(request.BodyAsBytes!)).RootElement;
        Assert.Equal($"{anna.DisplayName} prayed for your request: “Pray for rain on our farm”", payload.GetProperty("body").GetString());
        Assert.Equal($"/community/posts/{post.Id}", payload.GetProperty("url").GetString());
        Assert.Equal("prayed", payload.GetProperty("type").GetString());

        Assert.Equal("aes128gcm", request.Headers!["Content-Encoding"].Single());
        Assert.Equal("86400", request.Headers["TTL"].Single());
        Assert.Equal("normal", request.Headers["Urgency"].Single());
        var body = request.BodyAsBytes!;
        Assert.Equal(4096, (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19]); // RFC 8188 record size
        Assert.Equal(65, body[20]); // keyid: the sender's ephemeral public key

        // VAPID (RFC 8292): "vapid t=<JWT>, k=<public key>", the key the API publishes, an ES256 signature that verifies.
        var authorization = request.Headers["Authorization"].Single();
        var published = await (await factory.CreateClient().GetAsync("/api/v1/push/vapid-public-key")).ReadJsonAsync<VapidPublicKeyResponse>();
        var parts = authorization["vapid ".Length..].Split(", ").ToDictionary(p => p[..1], p => p[2..]);
        Assert.Equal(published.PublicKey, parts["k"]);
        var jwt = parts["t"].Split('.');
        var point = Base64UrlEncoder.DecodeBytes(published.PublicKey);
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Base64UrlEncoder.DecodeBytes(jwt[2]), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation), "the VAPID JWT signature does not verify");
        var header = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt[0])).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        var claims = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt[1])).RootElement;
        Assert.Equal(new Uri(factory.PushService.Url!).GetLeftPart(UriPartial.Authority), claims.GetProperty("aud").GetString());
        Assert.Equal("mailto:admin@selah-tests.example.com", claims.GetProperty("sub").GetString());
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.InRange(exp, factory.Clock.UtcNow, factory.Clock.UtcNow.AddHours(24)); // RFC 8292: at most 24 hours
    }

    [Fact]
    public async Task A_subscription_the_push_service_calls_gone_is_deleted_and_others_keep_working()
    {
        using var author = await factory.NewMemberAsync();
        using var follower = await factory.NewMemberAsync();
        using var live = new TestPushSubscriber($"{factory.PushService.Url}/push/{Guid.NewGuid():N}");
        using var dead = new TestPushSubscriber($"{factory.PushService.Url}/gone/{Guid.NewGuid():N}");
        await (await author.Client.PostJsonAsync("/api/v1/push/subscriptions", live.Body)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await author.Client.PostJsonAsync("/api/v1/push/subscriptions", dead.Body)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await author.PutPreferencesAsync(new { types = new { follow = new { push = true } } });

        await (await follower.Client.PostAsync($"/api/v1/users/{author.Id}/follow", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await factory.WaitForPushesAsync(new Uri(dead.Endpoint).AbsolutePath);
        var push = Assert.Single(await factory.WaitForPushesAsync(new Uri(live.Endpoint).AbsolutePath)).RequestMessage;
        Assert.Equal("low", push.Headers!["Urgency"].Single());

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<PushSubscriptionResponse> left;
        do
        {
            left = await (await author.Client.GetAsync("/api/v1/push/subscriptions")).ReadJsonAsync<List<PushSubscriptionResponse>>();
        }
        while (left.Count > 1 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));

        Assert.Equal(live.Endpoint, Assert.Single(left).Endpoint);
    }

    [Fact]
    public async Task Push_subscriptions_are_validated_and_private_to_their_owner()
    {
        using var anna = await factory.NewMemberAsync();
        using var ben = await factory.NewMemberAsync();
        using var subscriber = new TestPushSubscriber($"{factory.PushService.Url}/push/{Guid.NewGuid():N}");
        var created = await (await anna.Client.PostJsonAsync("/api/v1/push/subscriptions", subscriber.Body)).ReadJsonAsync<PushSubscriptionResponse>(HttpStatusCode.Created);
        await (await anna.Client.PostJsonAsync("/api/v1/push/subscriptions", subscriber.Body)).ShouldHaveStatusAsync(HttpStatusCode.OK); // idempotent

        Assert.Empty(await (await ben.Client.GetAsync("/api/v1/push/subscriptions")).ReadJsonAsync<List<PushSubscriptionResponse>>());
        await (await ben.Client.DeleteAsync($"/api/v1/push/subscriptions/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Single(await (await anna.Client.GetAsync("/api/v1/push/subscriptions")).ReadJsonAsync<List<PushSubscriptionResponse>>());
        using var nobody = factory.CreateClient();
        await (await nobody.GetAsync("/api/v1/push/subscriptions")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var keys = new { p256dh = subscriber.P256dh, auth = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)) };
        foreach (var endpoint in new[] { "http://push.example.com/x", "https://10.0.0.5/x", "https://169.254.169.254/latest", "https://[fd00::1]/x", "not a url" })
        {
            await (await anna.Client.PostJsonAsync("/api/v1/push/subscriptions", new { endpoint, keys })).ShouldBeValidationProblemAsync("endpoint");
        }

        await (await anna.Client.PostJsonAsync("/api/v1/push/subscriptions",
                new { endpoint = "https://push.example.com/x", keys = new { p256dh = Base64UrlEncoder.Encode(new byte[65]), auth = "short" } }))
            .ShouldBeValidationProblemAsync("keys.p256dh", "keys.auth");
        await (await anna.Client.PostJsonAsync("/api/v1/push/subscriptions", new { endpoint = "https://push.example.com/x" }))
            .ShouldBeValidationProblemAsync("keys.p256dh", "keys.auth");

        await (await anna.Client.DeleteAsync($"/api/v1/push/subscriptions/{created.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        Assert.Empty(await (await anna.Client.GetAsync("/api/v1/push/subscriptions")).ReadJsonAsync<List<PushSubscriptionResponse>>());
    }
}
