using System.Buffers;
using MimeKit;
using MimeKit.Encodings;

namespace Kakunin.Reports.Mime;

/// <summary>
/// A part's content with its transfer encoding undone, as <see cref="IMimeContent.DecodeTo"/> gives it, without
/// MimeKit's stream pipeline: <c>DecodeTo</c> wraps the output in a <c>FilteredStream</c> with a decoder filter and
/// copies the content through it in 4 KiB pieces, each piece copied once more into the filter's own output buffer;
/// that chain was a few per cent of the analyser's time (docs/benchmarks.md §5, sixth pass). Here the content is read
/// once and decoded by the same MimeKit decoder in one call: the decoders are incremental (their state carries over
/// between pieces), so one call over the whole input gives the bytes the pieces give, which
/// <c>SpeedEquivalenceTests</c> checks against <c>DecodeTo</c>.
/// </summary>
internal static class ContentDecoding
{
    // Beyond this the content goes through MimeKit's own pipeline (no single rented array that large).
    private const int MaxDirectBytes = 64 * 1024 * 1024;

    /// <summary>The decoded content appended to an empty <paramref name="output"/>.</summary>
    public static void DecodeTo(IMimeContent content, MemoryStream output)
    {
        var source = content.Stream;
        if (output.Length != 0 || source is null || !source.CanSeek || source.Length > MaxDirectBytes
            || content.Encoding is ContentEncoding.UUEncode)
        {
            content.DecodeTo(output);
            return;
        }

        source.Seek(0, SeekOrigin.Begin);
        var input = ArrayPool<byte>.Shared.Rent((int)Math.Max(source.Length, 1));
        try
        {
            var length = 0;
            int read;
            while (length < input.Length && (read = source.Read(input, length, input.Length - length)) > 0)
            {
                length += read;
            }

            // As MimeContent.WriteTo leaves it.
            source.Seek(0, SeekOrigin.Begin);
            IMimeDecoder? decoder = content.Encoding switch
            {
                ContentEncoding.Base64 => new Base64Decoder(),
                ContentEncoding.QuotedPrintable => new QuotedPrintableDecoder(),
                _ => null, // DecoderFilter.Create: every other encoding passes through unchanged.
            };
            if (decoder is null)
            {
                output.Write(input, 0, length);
                return;
            }

            output.SetLength(decoder.EstimateOutputLength(length));
            var written = decoder.Decode(input, 0, length, output.GetBuffer());
            output.SetLength(written);
            output.Position = written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }
}
