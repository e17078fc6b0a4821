using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Accounts;

/// <summary>
/// The HMAC key that signs access tokens. Generated once and kept in the database, so every node that shares the
/// database validates every other node's tokens. Loaded at start-up, before requests arrive.
/// </summary>
public sealed class SigningKeyStore(IDbContextFactory<SelahDbContext> contexts, IConfiguration configuration, TimeProvider clock) : IStartupSeeder
{
    private const string SecretName = "jwt-signing-key";
    private SymmetricSecurityKey? _key;

    public int Order => 0;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is loaded at start-up.");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var configured = configuration["Selah:Auth:SigningKey"];
        if (!string.IsNullOrEmpty(configured))
        {
            _key = new SymmetricSecurityKey(Convert.FromBase64String(configured));
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ServerSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (stored is null)
        {
            db.ServerSecrets.Add(new ServerSecret { Name = SecretName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created it first; use theirs.
            }

            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            stored = await fresh.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == SecretName, cancellationToken);
        }

        _key = new SymmetricSecurityKey(Convert.FromBase64String(stored.Value)) { KeyId = "selah-1" };
    }
}
