using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Accounts;

public static class AccountsExtensions
{
    /// <summary>The authentication scheme that picks bearer or cookie per request.</summary>
    public const string Scheme = "Selah";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSelahOptions<AuthOptions>(AuthOptions.Section);
        services.AddSelahOptions<AdminOptions>(AdminOptions.Section);
        var auth = builder.Configuration.ReadSection<AuthOptions>(AuthOptions.Section);

        services.AddIdentityCore<SelahUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // user names are email addresses; any character is fine
                // NIST SP 800-63B: length and a blocklist, not composition rules.
                o.Password.RequiredLength = Selah.Contracts.Accounts.AccountLimits.PasswordMinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.LockoutMaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
                o.SignIn.RequireConfirmedEmail = false; // checked after the password, so unverified accounts are not revealed
            })
            .AddRoles<SelahRole>()
            .AddEntityFrameworkStores<SelahDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or browser cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        // Browsers cannot set headers on WebSocket requests; hubs accept the token in the query string.
                        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                        if (!await validator.IsValidAsync(context.Principal!, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The session has ended.");
                        }
                    },
                };
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "selah.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(auth.RefreshTokenDays);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = async context =>
                    {
                        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                        if (!await validator.IsValidAsync(context.Principal!, context.HttpContext.RequestAborted))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        }
                    },
                };
            });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtValidation>();
        Policies.Add(services.AddAuthorizationBuilder());

        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<IStartupSeeder>(sp => sp.GetRequiredService<SigningKeyStore>());
        services.AddScoped<IStartupSeeder, AccountSeeder>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<TwoFactorChallenges>();
        services.AddSingleton<GoogleIdTokens>();
        services.AddHttpClient(nameof(GoogleIdTokens), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<SessionTokens>();
        services.AddScoped<EmailCodes>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<AccountSessions>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app) =>
        app.MapAuthApi().MapMeApi().MapTwoFactorApi();

    private static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token")))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return IdentityConstants.ApplicationScheme;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private sealed class ConfigureJwtValidation(SigningKeyStore keys, IOptions<AuthOptions> auth, TimeProvider clock)
        : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            options.TimeProvider = clock;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Value.Issuer,
                ValidAudience = auth.Value.Audience,
                IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
                NameClaimType = SelahClaims.Name,
                RoleClaimType = SelahClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
                // IdentityModel checks lifetimes against the system clock; check them against the server's TimeProvider
                // instead, the clock that issued them (and the one tests control).
                LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew)
                        && expires is { } exp && now - parameters.ClockSkew < exp;
                },
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}
