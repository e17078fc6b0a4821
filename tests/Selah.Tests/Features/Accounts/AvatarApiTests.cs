using System.Net;
using System.Net.Http.Headers;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;
using SkiaSharp;

namespace Selah.Tests.Features.Accounts;

public sealed class AvatarApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task A_PNG_upload_becomes_a_256px_WebP_avatar_served_with_an_ETag()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);

        var upload = await client.PutAsync("/api/v1/me/avatar", ImageForm(Png(640, 400), "portrait.png", "image/png"));

        var me = await upload.ReadJsonAsync<MeResponse>();
        Assert.False(string.IsNullOrEmpty(me.AvatarUrl));
        var avatar = await client.GetAsync(me.AvatarUrl);
        await avatar.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("image/webp", avatar.Content.Headers.ContentType?.MediaType);
        var bytes = await avatar.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        using var decoded = SKBitmap.Decode(bytes);
        Assert.Equal(256, decoded.Width);
        Assert.Equal(256, decoded.Height);

        var etag = avatar.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, me.AvatarUrl);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        using var anonymous = factory.CreateClient();
        var publicProfile = await (await anonymous.GetAsync($"/api/v1/users/{signedIn.UserId}")).ReadJsonAsync<PublicProfileResponse>();
        Assert.False(string.IsNullOrEmpty(publicProfile.AvatarUrl));
    }

    [Fact]
    public async Task Deleting_the_avatar_clears_it()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);
        await (await client.PutAsync("/api/v1/me/avatar", ImageForm(Png(64, 64), "a.png", "image/png"))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await client.DeleteAsync("/api/v1/me/avatar")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var me = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Null(me.AvatarUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/{signedIn.UserId}/avatar")).StatusCode);
    }

    [Fact]
    public async Task A_text_file_named_png_is_415()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);
        var text = System.Text.Encoding.UTF8.GetBytes("This is a sermon outline, not a picture.\n");

        var upload = await client.PutAsync("/api/v1/me/avatar", ImageForm(text, "sermon.png", "image/png"));

        await upload.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var me = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Null(me.AvatarUrl);
    }

    [Fact]
    public async Task An_upload_over_5_MB_is_413()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);
        var big = new byte[(5 * 1024 * 1024) + 1024];
        Png(8, 8).CopyTo(big, 0);

        var upload = await client.PutAsync("/api/v1/me/avatar", ImageForm(big, "huge.png", "image/png"));

        await upload.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_upload_without_a_file_part_is_400()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);
        using var form = new MultipartFormDataContent { { new StringContent("nothing"), "note" } };

        var upload = await client.PutAsync("/api/v1/me/avatar", form);

        await upload.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 90, 160));
            using var paint = new SKPaint { Color = new SKColor(240, 200, 60) };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static MultipartFormDataContent ImageForm(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
