using System.Globalization;
using System.Security.Cryptography;

namespace Kakunin.Queue;

/// <summary>Queue ids: the arrival time in milliseconds (hex) and 24 random bits, so they sort by arrival and do not collide.</summary>
internal static class QueueIds
{
    public static string New(DateTimeOffset now) =>
        now.ToUnixTimeMilliseconds().ToString("X11", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
}
