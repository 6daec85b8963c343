namespace Kakunin.Web.Api;

/// <summary>The API's limits, from "Kakunin:Api" (e.g. KAKUNIN__API__REQUESTSPERMINUTE=600).</summary>
public sealed class ApiOptions
{
    public const string Section = KakuninOptions.Section + ":Api";

    /// <summary>Requests one token may make per minute (a fixed one-minute window); more are answered 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 300;
}
