using Kakunin.WebTests.Infrastructure;
using Kakunin.WebTests.Journey;

namespace Kakunin.WebTests.Daily;

/// <summary>Alice and Bob of the daily-use tests in English browsers (users of their own: Alice's name stays hers).</summary>
public sealed class DailyPeopleEn(WebFixture web) : JourneyPeople(web, "alice-daily", "bob-daily", "en-GB", "Europe/London");

/// <summary>The same in Japanese browsers (Accept-Language: ja-JP).</summary>
public sealed class DailyPeopleJa(WebFixture web) : JourneyPeople(web, "alice-daily-ja", "bob-daily-ja", "ja-JP", "Asia/Tokyo");
