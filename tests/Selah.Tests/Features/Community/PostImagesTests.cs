using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Selah.Contracts.Community;
using Selah.Tests.Testing;
using SkiaSharp;

namespace Selah.Tests.Features.Community;

/// <summary>Post images: at most four, sniffed and re-encoded (EXIF gone), guarded against decompression bombs, served with the post's visibility.</summary>
public sealed class PostImagesTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task A_post_takes_four_images_and_the_fifth_is_refused()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var post = await author.PostAsync("testimony", "Our new church building");

        for (var i = 0; i < 4; i++)
        {
            var image = await (await author.Client.PostAsync($"/api/v1/posts/{post.Id}/images", File(Jpeg(800 + i, 600), "photo.jpg")))
                .ReadJsonAsync<PostImageResponse>(HttpStatusCode.Created);
            Assert.Equal(800 + i, image.Width);
        }

        await (await author.Client.PostAsync($"/api/v1/posts/{post.Id}/images", File(Jpeg(10, 10), "fifth.jpg"))).ShouldBeValidationProblemAsync("file");
        await (await other.Client.PostAsync($"/api/v1/posts/{post.Id}/images", File(Jpeg(10, 10), "x.jpg"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var seen = await (await other.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal(4, seen.Images!.Count);

        await (await other.Client.DeleteAsync(seen.Images[0].Url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Client.DeleteAsync(seen.Images[0].Url)).StatusCode);
        await (await other.Client.GetAsync(seen.Images[0].Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(3, (await (await other.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>()).Images!.Count);
    }

    [Fact]
    public async Task An_uploaded_photo_is_resized_and_its_exif_is_gone()
    {
        using var author = await factory.NewMemberAsync();
        var post = await author.PostAsync("general", "A walk by the lake");
        var original = WithExif(Jpeg(3200, 1200), "GPS 51.5007 N 0.1246 W SecretCamera");
        Assert.Contains("SecretCamera", Encoding.ASCII.GetString(original), StringComparison.Ordinal);

        var image = await (await author.Client.PostAsync($"/api/v1/posts/{post.Id}/images", File(original, "lake.jpg")))
            .ReadJsonAsync<PostImageResponse>(HttpStatusCode.Created);
        Assert.Equal((1600, 600), (image.Width, image.Height));

        using var anonymous = factory.CreateClient();
        var served = await anonymous.GetAsync(image.Url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WEBP", Encoding.ASCII.GetString(bytes, 8, 4));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("SecretCamera", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EXIF", text, StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(bytes);
        Assert.Equal((1600, 600), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task Files_that_are_not_images_or_claim_a_huge_canvas_are_refused()
    {
        using var author = await factory.NewMemberAsync();
        var post = await author.PostAsync("general", "Pictures soon");
        await (await author.Client.PostAsync($"/api/v1/posts/{post.Id}/images", File("<svg onload=alert(1)>"u8.ToArray(), "x.png")))
            .ShouldBeValidationProblemAsync("file");
        await (await author.Client.PostAsync($"/api/v1/posts/{post.Id}/images", File(PngClaiming(60_000, 60_000), "bomb.png")))
            .ShouldBeValidationProblemAsync("file");
        // A form without the part: ASP.NET's form binding answers 400 problem+json (without a field name) before the handler runs.
        await (await author.Client.PostAsync($"/api/v1/posts/{post.Id}/images", new MultipartFormDataContent())).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await (await author.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>()).Images!);
    }

    [Fact]
    public async Task A_group_or_members_only_posts_image_is_not_public()
    {
        using var owner = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        using var anonymous = factory.CreateClient();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        var groupPost = await owner.PostAsync(new { type = "prayerRequest", body = "For our group only", visibility = "group", groupId = group.Id });
        var groupImage = await (await owner.Client.PostAsync($"/api/v1/posts/{groupPost.Id}/images", File(Jpeg(40, 30), "g.jpg")))
            .ReadJsonAsync<PostImageResponse>(HttpStatusCode.Created);
        var membersPost = await owner.PostAsync("general", "Members only", visibility: "members");
        var membersImage = await (await owner.Client.PostAsync($"/api/v1/posts/{membersPost.Id}/images", File(Jpeg(40, 30), "m.jpg")))
            .ReadJsonAsync<PostImageResponse>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync(groupImage.Url)).StatusCode);
        await (await outsider.Client.GetAsync(groupImage.Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync(groupImage.Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.PostAsync($"/api/v1/posts/{groupPost.Id}/images", File(Jpeg(10, 10), "x.jpg"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var membersResponse = await outsider.Client.GetAsync(membersImage.Url);
        Assert.Equal(HttpStatusCode.OK, membersResponse.StatusCode);
        Assert.Contains("private", membersResponse.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        await (await anonymous.GetAsync(membersImage.Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    internal static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg"); // the client's claim is not trusted either way
        content.Add(file, "file", name);
        return content;
    }

    internal static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Gold })
        {
            canvas.Clear(SKColors.SteelBlue);
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>Inserts an APP1 Exif segment (a minimal little-endian TIFF header, then <paramref name="secret"/>) right after the JPEG's SOI.</summary>
    private static byte[] WithExif(byte[] jpeg, string secret)
    {
        byte[] tiff = [.. "II"u8, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes(secret)];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [.. jpeg[..2], 0xFF, 0xE1, .. length, .. payload, .. jpeg[2..]];
    }

    /// <summary>A few hundred bytes of PNG whose header claims <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    private static byte[] PngClaiming(int width, int height)
    {
        using var tiny = new SKBitmap(1, 1);
        using var data = tiny.Encode(SKEncodedImageFormat.Png, 100);
        var png = data.ToArray();
        // IHDR starts at byte 8 (length) + 4 ("IHDR"): width, height, then the chunk's CRC over type + data (bytes 12..29).
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
