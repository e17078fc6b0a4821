using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Accounts;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Accounts;

/// <summary>Sign-up, email verification, sign-in (password, second factor, Google), token refresh, sign-out, password reset.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts").AllowAnonymous().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/register", RegisterAsync).WithName("Register").WithSummary("Create an account; a verification code is emailed.")
            .RateLimited<RegisterRequest>("register", r => r.Email)
            .ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/verify-email", VerifyEmailAsync).WithName("VerifyEmail").WithSummary("Confirm an email address with the emailed code.")
            .RateLimited<VerifyEmailRequest>("verify", r => r.Email);
        auth.MapPost("/resend-verification", ResendVerificationAsync).WithName("ResendVerification").WithSummary("Email a new verification code.")
            .RateLimited<EmailRequest>("resend", r => r.Email);
        auth.MapPost("/login", LoginAsync).WithName("Login").WithSummary("Sign in with email and password.")
            .RateLimited<LoginRequest>("login", r => r.Email)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        auth.MapPost("/login/2fa", LoginTwoFactorAsync).WithName("LoginTwoFactor").WithSummary("Second sign-in step: authenticator or recovery code.")
            .RateLimited<TwoFactorLoginRequest>("twofactor", r => r.TwoFactorToken);
        auth.MapPost("/google", GoogleAsync).WithName("LoginGoogle").WithSummary("Sign in with a Google ID token.")
            .RateLimited("login");
        auth.MapPost("/refresh", RefreshAsync).WithName("Refresh").WithSummary("Exchange a refresh token for a new token pair.")
            .RateLimited("refresh");
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("Sign out: revoke the refresh-token family and clear the cookie.");
        auth.MapPost("/forgot-password", ForgotPasswordAsync).WithName("ForgotPassword").WithSummary("Email a password reset code.")
            .RateLimited<EmailRequest>("forgot", r => r.Email);
        auth.MapPost("/reset-password", ResetPasswordAsync).WithName("ResetPassword").WithSummary("Set a new password with the emailed code.")
            .RateLimited<ResetPasswordRequest>("verify", r => r.Email);
        auth.MapGet("/antiforgery", GetAntiforgeryToken).WithName("GetAntiforgeryToken")
            .WithSummary("Antiforgery token for cookie-authenticated browsers (send as X-XSRF-TOKEN).");
        return app;
    }

    public static async Task<Results<Created<RegisterResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, UserManager<SelahUser> users, EmailCodes codes, AccountEmails emails, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = new SelahUser
        {
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        if (user.DisplayName.Length == 0)
        {
            return Problems.Field("displayName", "Display name is required.");
        }

        if (await users.FindByEmailAsync(user.Email) is not null)
        {
            return EmailTaken();
        }

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, request.Password);
        }
        catch (DbUpdateException)
        {
            return EmailTaken(); // lost a race with a concurrent registration of the same address
        }

        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            {
                return EmailTaken();
            }

            return created.IsPasswordError() ? created.ToValidationProblem("password") : created.ToValidationProblem("email");
        }

        await users.AddToRoleAsync(user, Roles.Listener);
        var code = await codes.CreateAsync(user.Id, EmailCodePurpose.VerifyEmail, cancellationToken);
        await emails.SendVerificationAsync(user, code, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", new RegisterResponse(user.Id, user.Email, VerificationRequired: true));
    }

    public static async Task<Results<NoContent, ValidationProblem>> VerifyEmailAsync(
        VerifyEmailRequest request, UserManager<SelahUser> users, EmailCodes codes, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            return CodeProblem(EmailCodeCheck.ExpiredOrMissing);
        }

        if (user.EmailConfirmed)
        {
            return TypedResults.NoContent();
        }

        var check = await codes.CheckAsync(user.Id, EmailCodePurpose.VerifyEmail, request.Code, cancellationToken);
        if (check != EmailCodeCheck.Valid)
        {
            return CodeProblem(check);
        }

        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted> ResendVerificationAsync(
        EmailRequest request, UserManager<SelahUser> users, EmailCodes codes, AccountEmails emails, CancellationToken cancellationToken)
    {
        // The same answer whether or not the address has an account, so the endpoint cannot be used to find accounts.
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is { EmailConfirmed: false })
        {
            var code = await codes.CreateAsync(user.Id, EmailCodePurpose.VerifyEmail, cancellationToken);
            await emails.SendVerificationAsync(user, code, cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, [FromQuery] bool? useCookies, HttpContext http,
        UserManager<SelahUser> users, SignInManager<SelahUser> signIn, AccountSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            // Spend the same hashing time as a real check, so response time does not reveal whether the account exists.
            users.PasswordHasher.VerifyHashedPassword(new SelahUser(), DummyHash.Value, request.Password);
            return InvalidCredentials();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return await LockedOutAsync(http, users, user, clock);
        }

        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }

        if (!user.EmailConfirmed)
        {
            return Problems.Forbidden("email-not-verified", "Verify your email address before signing in.",
                "Enter the code we emailed you, or ask for a new one.");
        }

        return await sessions.CompleteFirstStepAsync(http, user, useCookies == true, cancellationToken);
    }

    public static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> LoginTwoFactorAsync(
        TwoFactorLoginRequest request, [FromQuery] bool? useCookies, HttpContext http,
        UserManager<SelahUser> users, TwoFactorChallenges challenges, AccountSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Code) == string.IsNullOrWhiteSpace(request.RecoveryCode))
        {
            return Problems.Field("code", "Enter either the authenticator code or a recovery code.");
        }

        var challenge = challenges.Read(request.TwoFactorToken);
        var user = challenge is { } c ? await users.FindByIdAsync(c.UserId.ToString()) : null;
        if (user is null || user.SessionStamp != challenge!.Value.SessionStamp || !user.TwoFactorEnabled)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "invalid-token", "The sign-in has expired. Sign in again.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return await LockedOutAsync(http, users, user, clock);
        }

        var ok = request.Code is { Length: > 0 } code
            ? await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code.Replace(" ", "").Replace("-", ""))
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, request.RecoveryCode!.Trim())).Succeeded;
        if (!ok)
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? await LockedOutAsync(http, users, user, clock)
                : Problems.Field(request.Code is { Length: > 0 } ? "code" : "recoveryCode", "The code is not correct.");
        }

        await users.ResetAccessFailedCountAsync(user);
        if (sessions.Blocked(user) is { } blocked)
        {
            return blocked;
        }

        return TypedResults.Ok(await sessions.SignInAsync(http, user, useCookies == true, null, cancellationToken));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> GoogleAsync(
        GoogleLoginRequest request, [FromQuery] bool? useCookies, HttpContext http, GoogleIdTokens google,
        UserManager<SelahUser> users, AccountSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!google.Enabled)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "google-disabled", "Sign in with Google is not enabled on this server.");
        }

        var identity = await google.ValidateAsync(request.IdToken, cancellationToken);
        if (identity is null)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "invalid-token", "The Google sign-in could not be verified.");
        }

        var user = await users.FindByLoginAsync("Google", identity.Subject);
        if (user is null)
        {
            user = await users.FindByEmailAsync(identity.Email);
            if (user is null)
            {
                user = new SelahUser
                {
                    UserName = identity.Email,
                    Email = identity.Email,
                    EmailConfirmed = true,
                    DisplayName = Truncate(identity.Name ?? identity.Email.Split('@')[0], AccountLimits.DisplayNameMaxLength),
                    CreatedAt = clock.GetUtcNow(),
                };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    return Problems.Conflict("email-taken", "An account with this email address already exists.");
                }

                await users.AddToRoleAsync(user, Roles.Listener);
            }
            else if (!user.EmailConfirmed)
            {
                // Google has verified the address, which is what our own code would have proved.
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }

            await users.AddLoginAsync(user, new UserLoginInfo("Google", identity.Subject, "Google"));
        }

        return await sessions.CompleteFirstStepAsync(http, user, useCookies == true, cancellationToken);
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpContext http, SessionTokens tokens, UserManager<SelahUser> users, AccountSessions sessions, CancellationToken cancellationToken)
    {
        var consumed = await tokens.ConsumeAsync(request.RefreshToken, cancellationToken);
        var user = consumed is { } c ? await users.FindByIdAsync(c.UserId.ToString()) : null;
        if (user is null)
        {
            return InvalidRefreshToken();
        }

        if (sessions.Blocked(user) is not null)
        {
            await tokens.RevokeFamilyAsync(consumed!.Value.FamilyId, "blocked", cancellationToken);
            return InvalidRefreshToken();
        }

        return TypedResults.Ok(await sessions.SignInAsync(http, user, useCookies: false, consumed!.Value.FamilyId, cancellationToken));
    }

    public static async Task<NoContent> LogoutAsync(LogoutRequest? request, HttpContext http, SessionTokens tokens, CancellationToken cancellationToken)
    {
        if (request?.RefreshToken is { Length: > 0 } refresh)
        {
            await tokens.RevokeFamilyOfAsync(refresh, cancellationToken);
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted> ForgotPasswordAsync(
        EmailRequest request, UserManager<SelahUser> users, EmailCodes codes, AccountEmails emails, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is not null)
        {
            var code = await codes.CreateAsync(user.Id, EmailCodePurpose.ResetPassword, cancellationToken);
            await emails.SendPasswordResetAsync(user, code, cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> ResetPasswordAsync(
        ResetPasswordRequest request, UserManager<SelahUser> users, EmailCodes codes, AccountSessions sessions, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            return CodeProblem(EmailCodeCheck.ExpiredOrMissing);
        }

        // Check the password rules before spending the single-use code on it.
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, request.NewPassword);
            if (!valid.Succeeded)
            {
                return valid.ToValidationProblem("newPassword");
            }
        }

        var check = await codes.CheckAsync(user.Id, EmailCodePurpose.ResetPassword, request.Code, cancellationToken);
        if (check != EmailCodeCheck.Valid)
        {
            return CodeProblem(check);
        }

        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, request.NewPassword);
        if (!added.Succeeded)
        {
            return added.ToValidationProblem("newPassword");
        }

        user.EmailConfirmed = true; // the code proved the address
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await sessions.EndAllSessionsAsync(user, "password-reset", cancellationToken);
        return TypedResults.NoContent();
    }

    public static Ok<AntiforgeryTokenResponse> GetAntiforgeryToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, tokens.HeaderName ?? "X-XSRF-TOKEN"));
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<SelahUser>().HashPassword(new SelahUser(), Guid.NewGuid().ToString()));

    private static ProblemHttpResult InvalidCredentials() =>
        Problems.Create(StatusCodes.Status401Unauthorized, "invalid-credentials", "The email or password is not correct.");

    private static ProblemHttpResult InvalidRefreshToken() =>
        Problems.Create(StatusCodes.Status401Unauthorized, "invalid-token", "The refresh token is not valid. Sign in again.");

    private static ProblemHttpResult EmailTaken() =>
        Problems.Conflict("email-taken", "An account with this email address already exists.", "Sign in, or reset your password if you forgot it.");

    private static async Task<ProblemHttpResult> LockedOutAsync(HttpContext http, UserManager<SelahUser> users, SelahUser user, TimeProvider clock)
    {
        var end = await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow().AddMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString();
        return Problems.Create(StatusCodes.Status429TooManyRequests, "account-locked",
            "Too many failed sign-in attempts. The account is locked for a while.", $"Try again in {seconds} seconds.");
    }

    private static ValidationProblem CodeProblem(EmailCodeCheck check) => Problems.Field("code", check switch
    {
        EmailCodeCheck.Wrong => "The code is not correct.",
        EmailCodeCheck.TooManyAttempts => "Too many wrong attempts. Ask for a new code.",
        _ => "The code has expired or was already used. Ask for a new code.",
    });

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
