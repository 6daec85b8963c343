using Kakunin.Reports.Mime;
using MimeKit;
using MimeKit.IO;

namespace Kakunin.Reports.Tests.Parts;

// ContentDecoding (docs/benchmarks.md §5, sixth pass) decodes a part's content in one call of MimeKit's decoder
// instead of MimeKit's DecodeTo pipeline, which feeds the decoder 4 KiB at a time: the bytes must be the same for
// every encoding, including inputs where a quoted-printable escape, a soft line break or a base64 quantum is cut
// at a 4 KiB boundary, and the content must be left readable from its start as DecodeTo leaves it.
public sealed class ContentDecodingTests
{
    private static readonly string[] QuotedPrintablePieces =
        ["a", "=3D", "=\r\n", "=\n", "=4", "=G1", "= ", "=", " \r\n", "\t", "=E3=81=82", "é", "\r\n", "xyz ", "=20"];

    private static readonly string[] Base64Pieces =
        ["QUJD", "ZGVm", "\r\n", "=", "==", "Zm9v", "!", " ", "YQ", "8J+Ygg", "\n", "-_"];

    public static TheoryData<ContentEncoding> Encodings => new()
    {
        ContentEncoding.Base64, ContentEncoding.QuotedPrintable, ContentEncoding.SevenBit, ContentEncoding.EightBit,
        ContentEncoding.Binary, ContentEncoding.Default, ContentEncoding.UUEncode,
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Decodes_as_mimekit_decodes(ContentEncoding encoding)
    {
        var random = new Random(6);
        var pieces = encoding == ContentEncoding.Base64 ? Base64Pieces : QuotedPrintablePieces;
        for (var i = 0; i < 300; i++)
        {
            // Lengths from empty to past three of MimeKit's 4 KiB pieces.
            var target = i < 10 ? i : random.Next(0, 14_000);
            var text = new System.Text.StringBuilder();
            while (text.Length < target)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(text.ToString());
            using var expected = new MemoryStream();
            new MimeContent(new MemoryStream(bytes), encoding).DecodeTo(expected);

            var content = new MimeContent(Stream(bytes, i), encoding);
            using var actual = new MemoryStream();
            ContentDecoding.DecodeTo(content, actual);

            Assert.True(expected.ToArray().AsSpan().SequenceEqual(actual.ToArray()), $"{encoding}, input {i} of {bytes.Length} bytes");
            Assert.Equal(0, content.Stream!.Position);
            using var again = new MemoryStream();
            content.DecodeTo(again);
            Assert.True(expected.ToArray().AsSpan().SequenceEqual(again.ToArray()), $"{encoding}, input {i} read again");
        }
    }

    // The content streams MimeKit's parser makes: its memory blocks, or a plain stream read a few bytes at a time.
    private static Stream Stream(byte[] bytes, int i)
    {
        if (i % 2 == 0)
        {
            var block = new MemoryBlockStream();
            block.Write(bytes, 0, bytes.Length);
            block.Position = bytes.Length / 2;
            return block;
        }

        return new TrickleStream(bytes);
    }

    // Returns at most 1,000 bytes per read, as a stream may.
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));
    }
}
