namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// Debian's python3-dkim through tests/peers/dkim/dkimpy: an independent DKIM verifier (and signer) to check
/// Kakunin against. Missing python3-dkim is a failure with the script's own message, never a skip.
/// </summary>
public static class DkimPy
{
    public static string Script { get; } = PeerFiles.Find("dkim", "dkimpy");

    /// <summary>One line per DKIM-Signature, top first ("pass d=… s=… a=…" / "fail … (reason)"), and whether all passed.</summary>
    public static async Task<(bool AllPass, string[] Lines)> VerifyAsync(byte[] message, AuthoritativeDns dns)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, message);
            var (code, output) = await ExternalClient.RunAsync("/bin/sh", ["-c", $"\"{Script}\" verify --dns {dns.Endpoint} < \"{file}\""]);
            return (code == 0, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Signs <paramref name="message"/> (prepends one DKIM-Signature) with a key file dkimpy or openssl wrote.</summary>
    public static async Task<byte[]> SignAsync(byte[] message, string domain, string selector, string keyFile, string algorithm)
    {
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(input, message);
            var (code, text) = await ExternalClient.RunAsync("/bin/sh",
                ["-c", $"\"{Script}\" sign --domain {domain} --selector {selector} --key \"{keyFile}\" --algorithm {algorithm} < \"{input}\" > \"{output}\""]);
            Assert.True(code == 0, $"dkimpy sign failed: {text}");
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>A new ed25519 key in <paramref name="keyFile"/>; returns its TXT record value.</summary>
    public static async Task<string> NewEd25519KeyAsync(string keyFile)
    {
        var (code, output) = await ExternalClient.RunAsync(Script, ["ed25519-key", keyFile]);
        Assert.True(code == 0, $"dkimpy ed25519-key failed (python3-dkim, python3-nacl installed?): {output}");
        return output.Trim();
    }
}
