using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using Selah.Contracts.Accounts;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Accounts;

/// <summary>Authenticator-app (TOTP, RFC 6238) enrolment and recovery codes for the signed-in user.</summary>
public static class TwoFactorApi
{
    private const int RecoveryCodeCount = 10;

    public static IEndpointRouteBuilder MapTwoFactorApi(this IEndpointRouteBuilder app)
    {
        var twoFactor = app.MapGroup("/api/v1/me/2fa").WithTags("Profile").RequireAuthorization().AddEndpointFilter<ValidationFilter>();
        twoFactor.MapPost("/setup", SetupAsync).WithName("SetupTwoFactor").WithSummary("Start enrolment: a new authenticator key and QR code.");
        twoFactor.MapPost("/enable", EnableAsync).WithName("EnableTwoFactor").WithSummary("Finish enrolment with a code; returns recovery codes.")
            .RateLimited("twofactor");
        twoFactor.MapPost("/disable", DisableAsync).WithName("DisableTwoFactor").WithSummary("Turn two-factor off (needs a current code).")
            .RateLimited("twofactor");
        twoFactor.MapPost("/recovery-codes", NewRecoveryCodesAsync).WithName("NewRecoveryCodes").WithSummary("Replace the recovery codes.");
        return app;
    }

    public static async Task<Results<Ok<TwoFactorSetupResponse>, ProblemHttpResult, UnauthorizedHttpResult>> SetupAsync(
        ClaimsPrincipal principal, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (user.TwoFactorEnabled)
        {
            return Problems.Conflict("two-factor-enabled", "Two-factor authentication is already on. Turn it off first to enrol a new device.");
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode("Selah")}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer=Selah&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(qr).GetGraphic(8);
        return TypedResults.Ok(new TwoFactorSetupResponse(key, uri, "data:image/png;base64," + Convert.ToBase64String(png)));
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> EnableAsync(
        TwoFactorCodeRequest request, ClaimsPrincipal principal, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return Problems.Conflict("two-factor-not-set-up", "Start with the setup step.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, request.Code))
        {
            return Problems.Field("code", "The code is not correct. Check the time on your device and try again.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        return TypedResults.Ok(new RecoveryCodesResponse(codes!.ToList()));
    }

    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> DisableAsync(
        TwoFactorCodeRequest request, ClaimsPrincipal principal, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (user.TwoFactorEnabled && !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, request.Code))
        {
            return Problems.Field("code", "The code is not correct.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult, UnauthorizedHttpResult>> NewRecoveryCodesAsync(
        ClaimsPrincipal principal, UserManager<SelahUser> users)
    {
        var user = await users.FindByIdAsync(principal.GetUserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (!user.TwoFactorEnabled)
        {
            return Problems.Conflict("two-factor-disabled", "Turn on two-factor authentication first.");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        return TypedResults.Ok(new RecoveryCodesResponse(codes!.ToList()));
    }
}
