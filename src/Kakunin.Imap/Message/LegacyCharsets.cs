using System.Runtime.CompilerServices;
using System.Text;

namespace Kakunin.Imap.Message;

/// <summary>Makes the legacy charsets Japanese mail uses (ISO-2022-JP, Shift_JIS, EUC-JP) known to MimeKit's decoders.</summary>
internal static class LegacyCharsets
{
    // .NET Core only knows UTF-8/16/32, ASCII and Latin-1 until the code-page provider is registered.
#pragma warning disable CA2255 // A library may register an encoding provider once; registering twice is harmless.
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
#pragma warning restore CA2255
}
