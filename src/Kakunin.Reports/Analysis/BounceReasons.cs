using Kakunin.Protocol;

namespace Kakunin.Reports.Analysis;

/// <summary>Wire names of <see cref="BounceReason"/> and the hard/soft verdict.</summary>
public static class BounceReasons
{
    /// <summary>The lowercase wire name, e.g. <c>userunknown</c>.</summary>
    public static string ToWire(this BounceReason reason) => reason.ToString().ToLowerInvariant();

    /// <summary>Reads a wire name (case-insensitive); null when unknown.</summary>
    public static BounceReason? Parse(string? wire)
    {
        if (string.IsNullOrWhiteSpace(wire))
        {
            return null;
        }

        return Enum.TryParse<BounceReason>(wire.Trim(), ignoreCase: true, out var reason) && Enum.IsDefined(reason) && !wire.Trim().All(char.IsDigit)
            ? reason
            : null;
    }

    /// <summary>
    /// A hard bounce means sending again to this address will fail the same way: the mailbox or domain
    /// does not exist or has moved, or the domain accepts no mail (null MX). Only permanent (class 5, or
    /// unknown class) failures are hard; everything else (full mailbox, blocks, policy, expiry) may clear.
    /// </summary>
    public static bool IsHard(BounceReason reason, EnhancedStatusCode? status) =>
        status?.Class is not (2 or 4)
        && reason is BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved or BounceReason.NotAccept;
}
