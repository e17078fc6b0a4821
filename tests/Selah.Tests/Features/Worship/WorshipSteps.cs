using System.Net;
using Selah.Contracts.Accounts;
using Selah.Contracts.Worship;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Worship;

/// <summary>Arrange steps for the worship tests: a worship leader (an artist account), songs and arrangements through the API.</summary>
internal static class WorshipSteps
{
    public const string Sheet = """
        {title: Amazing Grace}
        {key: G}
        {tempo: 72}
        {start_of_verse: Verse 1}
        A[G]mazing [G7]grace how [C]sweet the [G]sound
        That [G]saved a [Em]wretch like [D/F#]me
        {end_of_verse}
        {soc}
        [C]Praise [Cmaj7]him, [Am7]praise [D7sus4]him
        {eoc}
        {sov: Verse 2}
        [G]'Twas grace that [D]taught
        {eov}
        {sob}
        [Em]Bridge [Bm7b5]words
        {eob}
        """;

    public static async Task<SignedInAccount> SignInWithRoleAsync(this SelahFactory factory, string role)
    {
        var account = await factory.RegisterVerifiedAsync("Worship " + role);
        using var admin = await factory.CreateAdminClientAsync();
        var grant = await admin.PutJsonAsync($"/api/v1/admin/users/{account.UserId}/roles", new { roles = new[] { Roles.Listener, role } });
        await grant.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await factory.SignInAsync(account);
    }

    public static async Task<SongResponse> CreateSongAsync(this HttpClient client, string title, object? extra = null)
    {
        var body = extra ?? new { title, authors = new[] { "John Newton" }, ccliNumber = "22025", themes = new[] { "Grace" }, scriptureReferences = new[] { "Eph.2.8-Eph.2.9" } };
        var response = await client.PostJsonAsync("/api/v1/songs", body);
        return await response.ReadJsonAsync<SongResponse>(HttpStatusCode.Created);
    }

    public static async Task<ArrangementResponse> AddArrangementAsync(this HttpClient client, Guid songId, string chordPro = Sheet, string? sequence = "V1 C V2 C B C")
    {
        var response = await client.PostJsonAsync($"/api/v1/songs/{songId}/arrangements", new { name = "Standard", chordPro, sequence, timeSignature = "3/4" });
        return await response.ReadJsonAsync<ArrangementResponse>(HttpStatusCode.Created);
    }
}
