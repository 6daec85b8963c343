using Kakunin.Store.Space;

namespace Kakunin.Web.Storage;

/// <summary>
/// The reserve of free space kept on the data folder's file system, from "Kakunin:Storage" (<c>--storage-reserve</c>,
/// <c>KAKUNIN__STORAGE__RESERVE</c>): while less is free, new mail is refused (docs/storage.md).
/// </summary>
public sealed class StorageSpaceOptions
{
    public const string Section = KakuninOptions.Section + ":Storage";

    /// <summary>
    /// The default reserve: room for what was accepted to be delivered and reported once acceptance stops (each local
    /// delivery of a 35 MiB message writes it again, and a DSN with RET=FULL carries it back) — about 7 messages of the
    /// largest size. Postfix asks 1.5 × message_size_limit (15 MB at its defaults) at MAIL; docs/storage.md measures ours.
    /// </summary>
    public const string DefaultReserve = "256MiB";

    /// <summary>"256MiB", "1GiB", "500MB", a number of bytes, or "0" for no reserve (only real write failures refuse mail).</summary>
    public string? Reserve { get; set; }

    /// <summary>The options in <paramref name="configuration"/>.</summary>
    public static StorageSpaceOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageSpaceOptions>() ?? new StorageSpaceOptions();

    /// <summary>The reserve in bytes; a value that is not a size stops the server with one sentence naming the setting.</summary>
    public long ReserveBytes() =>
        StorageSize.Parse(string.IsNullOrWhiteSpace(Reserve) ? DefaultReserve : Reserve) is { } bytes and >= 0
            ? bytes
            : throw new ServerStartException(
                $"--storage-reserve ({Section}:{nameof(Reserve)}) \"{Reserve}\" is not a size: give bytes, or a number with KiB, MiB or GiB (e.g. 256MiB), or 0 for no reserve");
}
