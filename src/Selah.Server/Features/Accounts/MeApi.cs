using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Selah.Contracts.Accounts;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Accounts;

/// <summary>The signed-in user's profile, password and avatar; public profiles and avatars.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Profile").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/", GetMeAsync).WithName("GetMe").WithSummary("The signed-in user's profile.");
        me.MapPatch("/", UpdateMeAsync).WithName("UpdateMe").WithSummary("Change profile fields; absent fields stay, \"\" clears.");
        me.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword").WithSummary("Change the password; every session is signed out.");
        me.MapPut("/avatar", UploadAvatarAsync).WithName("UploadAvatar").WithSummary("Upload a profile picture (PNG, JPEG, WebP, GIF; 5 MB).")
            .DisableAntiforgery() // checked for cookie sessions by CookieAntiforgeryMiddleware, like every unsafe API request
            .WithMetadata(new RequestSizeLimitAttribute(AvatarImages.MaxUploadBytes + 64 * 1024))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        me.MapDelete("/avatar", DeleteAvatarAsync).WithName("DeleteAvatar").WithSummary("Remove the profile picture.");

        var people = app.MapGroup("/api/v1/users").WithTags("Profile");
        people.MapGet("/{id:guid}", GetProfileAsync).WithName("GetPublicProfile").WithSummary("A person's public profile.");
        people.MapGet("/{id:guid}/avatar", GetAvatarAsync).WithName("GetAvatar").WithSummary("A person's profile picture.");
        return app;
    }

    public static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> GetMeAsync(ClaimsPrincipal principal, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(await ToMeAsync(user, users));
    }

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, UnauthorizedHttpResult>> UpdateMeAsync(
        UpdateMeRequest request, ClaimsPrincipal principal, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (request.DisplayName is { } name)
        {
            if (name.Trim().Length == 0)
            {
                return Problems.Field("displayName", "Display name cannot be empty.");
            }

            user.DisplayName = name.Trim();
        }

        if (request.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return Problems.Field("timeZone", $"'{zone}' is not a known time zone (use an IANA id such as 'Europe/London').");
        }

        if (request.FavouriteGenres is { } genres)
        {
            if (genres.Any(g => string.IsNullOrWhiteSpace(g) || g.Length > 40))
            {
                return Problems.Field("favouriteGenres", "Each genre must be 1 to 40 characters.");
            }

            user.FavouriteGenres = genres.Select(g => g.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        user.Bio = Apply(request.Bio, user.Bio);
        user.PreferredTranslation = Apply(request.PreferredTranslation, user.PreferredTranslation);
        user.Church = Apply(request.Church, user.Church);
        user.Denomination = Apply(request.Denomination, user.Denomination);
        user.TimeZone = Apply(request.TimeZone, user.TimeZone);
        await users.UpdateAsync(user);
        return TypedResults.Ok(await ToMeAsync(user, users));
    }

    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext http, UserManager<SelahUser> users, AccountSessions sessions,
        CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!changed.Succeeded)
        {
            return changed.Errors.Any(e => e.Code == "PasswordMismatch")
                ? Problems.Field("currentPassword", "The current password is not correct.")
                : changed.ToValidationProblem("newPassword");
        }

        await sessions.EndAllSessionsAsync(user, "password-change", cancellationToken);
        if (principal.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await sessions.SignInAsync(http, user, useCookies: true, null, cancellationToken); // keep this browser signed in
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> UploadAvatarAsync(
        IFormFile? file, ClaimsPrincipal principal, UserManager<SelahUser> users, IFileStorage storage, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return Problems.Field("file", "Choose an image file to upload.");
        }

        if (file.Length > AvatarImages.MaxUploadBytes)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The image is larger than 5 MB.");
        }

        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var avatar = AvatarImages.LooksLikeImage(bytes) ? AvatarImages.ToAvatar(bytes) : null;
        if (avatar is null)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-image",
                "The file is not a supported image.", "Upload a PNG, JPEG, WebP or GIF picture.");
        }

        var key = $"avatars/{user.Id:n}/{Convert.ToHexStringLower(SHA256.HashData(avatar))[..16]}.webp";
        await storage.SaveAsync(key, new MemoryStream(avatar), cancellationToken);
        var previous = user.AvatarKey;
        user.AvatarKey = key;
        await users.UpdateAsync(user);
        if (previous is not null && previous != key)
        {
            await storage.DeleteAsync(previous, cancellationToken);
        }

        return TypedResults.Ok(await ToMeAsync(user, users));
    }

    public static async Task<Results<NoContent, UnauthorizedHttpResult>> DeleteAvatarAsync(
        ClaimsPrincipal principal, UserManager<SelahUser> users, IFileStorage storage, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (user.AvatarKey is { } key)
        {
            user.AvatarKey = null;
            await users.UpdateAsync(user);
            await storage.DeleteAsync(key, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PublicProfileResponse>, ProblemHttpResult>> GetProfileAsync(Guid id, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || user.Status == Contracts.Admin.AccountStatus.Banned || !user.EmailConfirmed)
        {
            return Problems.NotFound("The person");
        }

        return TypedResults.Ok(new PublicProfileResponse(user.Id, user.DisplayName, user.Bio, AvatarUrl(user), user.Church));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAvatarAsync(
        Guid id, HttpContext http, UserManager<SelahUser> users, IFileStorage storage, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        var info = user?.AvatarKey is { } key ? await storage.GetInfoAsync(key, cancellationToken) : null;
        var stream = info is null ? null : await storage.OpenReadAsync(info.Key, cancellationToken);
        if (stream is null)
        {
            return Problems.NotFound("The picture");
        }

        // The URL names the content version (?v=), so the response can be cached for good.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(info!.Key)}\"");
        return TypedResults.Stream(stream, "image/webp", lastModified: info.LastModified, entityTag: etag, enableRangeProcessing: true);
    }

    internal static string? AvatarUrl(SelahUser user) =>
        user.AvatarKey is { } key ? $"/api/v1/users/{user.Id}/avatar?v={Path.GetFileNameWithoutExtension(key)}" : null;

    internal static async Task<MeResponse> ToMeAsync(SelahUser user, UserManager<SelahUser> users) => new()
    {
        Id = user.Id,
        Email = user.Email ?? "",
        EmailVerified = user.EmailConfirmed,
        DisplayName = user.DisplayName,
        Bio = user.Bio,
        AvatarUrl = AvatarUrl(user),
        PreferredTranslation = user.PreferredTranslation,
        FavouriteGenres = user.FavouriteGenres,
        Church = user.Church,
        Denomination = user.Denomination,
        TimeZone = user.TimeZone,
        Roles = (await users.GetRolesAsync(user)).Order().ToList(),
        TwoFactorEnabled = user.TwoFactorEnabled,
        CreatedAt = user.CreatedAt,
    };

    /// <summary>null keeps the current value; "" (or blanks) clears it; anything else is trimmed and stored.</summary>
    private static string? Apply(string? requested, string? current) =>
        requested is null ? current : requested.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
