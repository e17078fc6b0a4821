using System.Security.Claims;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>
/// Who may see, stream and change catalogue rows — in one place, so every endpoint (lists, detail, stream, HLS,
/// lyrics, edits) applies the same rule and later entitlements (premium tiers) plug in here.
/// </summary>
public static class CatalogAccess
{
    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Admins manage everything; an artist account manages the artists it owns.</summary>
    public static bool CanManage(Artist artist, ClaimsPrincipal user) =>
        IsAdmin(user) || (artist.OwnerId is { } owner && user.TryGetUserId() == owner);

    /// <summary>Published and ready tracks are public; anything else only for its uploader, its artist's owner and admins.</summary>
    public static bool CanView(Track track, ClaimsPrincipal user) =>
        CanViewTrack(track.Published, track.Status, track.UploadedById, track.Artist?.OwnerId, user);

    /// <summary>Whether <paramref name="user"/> may stream or download the audio. Today: whoever may view a ready track.</summary>
    public static bool CanStream(Track track, ClaimsPrincipal user) =>
        CanStreamTrack(track.Published, track.Status, track.UploadedById, track.Artist?.OwnerId, user);

    /// <summary>
    /// Whether a caller who may stream a track may also keep it for offline listening, under the server's setting
    /// (<c>Selah:Media:OfflineDownloads</c>): null when allowed, else the reason to show.
    /// </summary>
    public static string? DownloadRefusal(ClaimsPrincipal user, Media.OfflineDownloads policy) => policy switch
    {
        Media.OfflineDownloads.Everyone => null,
        Media.OfflineDownloads.SignedIn when user.TryGetUserId() is not null => null,
        Media.OfflineDownloads.SignedIn => "Sign in to download music for offline listening.",
        _ => "This server does not offer downloads for offline listening.",
    };

    /// <summary><see cref="CanView(Track, ClaimsPrincipal)"/> on the few columns it reads, for callers holding a projection.</summary>
    public static bool CanViewTrack(bool published, TrackStatus status, Guid? uploadedById, Guid? artistOwnerId, ClaimsPrincipal user) =>
        (published && status == TrackStatus.Ready)
        || IsAdmin(user)
        || (user.TryGetUserId() is { } id && (id == uploadedById || id == artistOwnerId));

    public static bool CanStreamTrack(bool published, TrackStatus status, Guid? uploadedById, Guid? artistOwnerId, ClaimsPrincipal user) =>
        status == TrackStatus.Ready && CanViewTrack(published, status, uploadedById, artistOwnerId, user);

    public static bool CanView(Album album, ClaimsPrincipal user) =>
        album.Published || IsAdmin(user) || (user.TryGetUserId() is { } id && id == album.Artist?.OwnerId);
}
