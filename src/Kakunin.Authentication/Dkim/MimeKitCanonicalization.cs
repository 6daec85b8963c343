using System.Runtime.CompilerServices;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.IO.Filters;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// MimeKit 4.18's own parsing and canonicalization of DKIM/ARC signatures, reached through
/// <see cref="UnsafeAccessorAttribute"/> because MimeKit keeps them internal. We call MimeKit's code rather than
/// write our own so that the bytes we hash are exactly the bytes MimeKit's verifier would hash: only the RSA step
/// differs (<see cref="NativeRsaDkimVerifier"/>). Should a MimeKit update rename one of these, the call throws
/// <see cref="MissingMemberException"/> and the verifiers go back to MimeKit's own path (and the tests in
/// NativeRsaDkimVerifierTests fail, which is the signal to look here).
/// </summary>
internal static class MimeKitCanonicalization
{
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ParseParameterTags")]
    public static extern Dictionary<string, string> ParseParameterTags(DkimVerifierBase? owner, HeaderId header, string signature);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ValidateDkimSignatureParameters")]
    public static extern void ValidateDkimSignatureParameters(DkimVerifier? owner, Dictionary<string, string> parameters,
        out DkimSignatureAlgorithm algorithm, out DkimCanonicalizationAlgorithm headerAlgorithm, out DkimCanonicalizationAlgorithm bodyAlgorithm,
        out string d, out string s, out string q, out string[] headers, out string bh, out string b, out int maxLength);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "WriteHeaders")]
    public static extern void WriteHeaders(DkimVerifierBase? owner, FormatOptions options, MimeMessage message, IList<string> fields, DkimCanonicalizationAlgorithm algorithm, Stream stream);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "WriteHeaderRelaxed")]
    public static extern void WriteHeaderRelaxed(DkimVerifierBase? owner, FormatOptions options, Stream stream, Header header, bool isDkimSignature);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "WriteHeaderSimple")]
    public static extern void WriteHeaderSimple(DkimVerifierBase? owner, FormatOptions options, Stream stream, Header header, bool isDkimSignature);

    /// <summary>The signature header with its b= value emptied (RFC 6376 §3.7), as MimeKit builds it.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "GetSignedSignatureHeader")]
    public static extern Header GetSignedSignatureHeader(DkimVerifierBase? owner, Header header);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "CreateNewLineFilter")]
    public static extern IMimeFilter CreateNewLineFilter(FormatOptions options, bool ensureNewLine);

    /// <summary>Writes one header canonicalized (RFC 6376 §3.4.1 simple, §3.4.2 relaxed).</summary>
    public static void WriteHeader(FormatOptions options, Stream stream, Header header, DkimCanonicalizationAlgorithm algorithm, bool isSignature)
    {
        if (algorithm == DkimCanonicalizationAlgorithm.Relaxed) WriteHeaderRelaxed(null, options, stream, header, isSignature);
        else WriteHeaderSimple(null, options, stream, header, isSignature);
    }
}
