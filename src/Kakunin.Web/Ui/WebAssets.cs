using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Kakunin.Web.Ui;

/// <summary>
/// The stylesheet and script (Assets/ in this project), served from inside Kakunin.Web.dll under /assets/.
/// </summary>
/// <remarks>
/// Embedded rather than wwwroot: this project is a library hosted by the <c>kakunin</c> command, so there is
/// no web root beside it when installed, and static web assets manifests only work in development. Each URL
/// carries a version (<c>?v=</c> the first 12 hex digits of the content's SHA-256), so the file can be cached
/// for a year and a new build is fetched at once; a request with an old or missing version gets
/// <c>no-cache</c> (revalidate by ETag) instead.
/// </remarks>
public sealed class WebAssets
{
    public const string RequestPath = "/assets";

    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);

    public WebAssets()
    {
        Files = new EmbeddedFileProvider(typeof(WebAssets).Assembly, "Kakunin.Web.Assets");
        foreach (var file in Files.GetDirectoryContents(string.Empty))
        {
            using var stream = file.CreateReadStream();
            _versions[file.Name] = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        }
    }

    public IFileProvider Files { get; }

    /// <summary>The versioned URL of an asset, e.g. "/assets/kakunin.css?v=3f2a…"; throws for a name that is not embedded.</summary>
    public string Url(string name) =>
        _versions.TryGetValue(name, out var version)
            ? $"{RequestPath}/{name}?v={version}"
            : throw new ArgumentException($"no embedded asset named {name}", nameof(name));

    public StaticFileOptions StaticFileOptions() => new()
    {
        RequestPath = RequestPath,
        FileProvider = Files,
        OnPrepareResponse = context =>
        {
            var current = _versions.GetValueOrDefault(context.File.Name);
            var asked = context.Context.Request.Query["v"].ToString();
            context.Context.Response.Headers.CacheControl = current is not null && asked == current
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            context.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        },
    };
}
