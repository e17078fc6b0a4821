using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Accounts;

public enum EmailCodeCheck
{
    Valid,
    Wrong,
    ExpiredOrMissing,
    TooManyAttempts,
}

/// <summary>Creates and checks emailed 6-digit codes. A new code replaces every earlier open code of the same purpose.</summary>
public sealed class EmailCodes(SelahDbContext db, IOptions<AuthOptions> options, TimeProvider clock)
{
    public async Task<string> CreateAsync(Guid userId, EmailCodePurpose purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.EmailCodes.Where(c => c.UserId == userId && c.Purpose == purpose && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var entity = new EmailCode
        {
            UserId = userId,
            Purpose = purpose,
            CodeHash = "",
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(options.Value.EmailCodeMinutes),
        };
        entity.CodeHash = Hash(entity.Id, code);
        db.EmailCodes.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>Checks <paramref name="code"/> against the open code; a match consumes it, a miss counts an attempt.</summary>
    public async Task<EmailCodeCheck> CheckAsync(Guid userId, EmailCodePurpose purpose, string code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.EmailCodes
            .Where(c => c.UserId == userId && c.Purpose == purpose && c.ConsumedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is null || open.ExpiresAt <= now)
        {
            return EmailCodeCheck.ExpiredOrMissing;
        }

        if (open.FailedAttempts >= options.Value.EmailCodeMaxAttempts)
        {
            return EmailCodeCheck.TooManyAttempts;
        }

        var expected = Convert.FromHexString(open.CodeHash);
        var actual = Convert.FromHexString(Hash(open.Id, code));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            open.FailedAttempts++;
            await db.SaveChangesAsync(cancellationToken);
            return open.FailedAttempts >= options.Value.EmailCodeMaxAttempts ? EmailCodeCheck.TooManyAttempts : EmailCodeCheck.Wrong;
        }

        // Consume with a guard so two concurrent correct submissions cannot both succeed.
        var consumed = await db.EmailCodes.Where(c => c.Id == open.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        return consumed == 1 ? EmailCodeCheck.Valid : EmailCodeCheck.ExpiredOrMissing;
    }

    private static string Hash(Guid id, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}:{code}")));
}
