using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Selah.Server.Features.Accounts;

/// <summary>
/// Rejects passwords on a list of commonly used passwords (NIST SP 800-63B §5.1.1.2: check against known-compromised values),
/// instead of composition rules. The list is embedded from <c>common-passwords.txt</c>.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<SelahUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<SelahUser> manager, SelahUser user, string? password)
    {
        if (password is not null && (Common.Value.Contains(password) || IsTrivial(password, user)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is too common or easy to guess. Choose a less predictable one.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    private static bool IsTrivial(string password, SelahUser user) =>
        password.Distinct().Count() <= 2
        || (user.Email is { } email && password.Equals(email, StringComparison.OrdinalIgnoreCase))
        || (user.Email is { } e && e.Split('@')[0] is { Length: >= 4 } local && password.Equals(local, StringComparison.OrdinalIgnoreCase));

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Selah.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
