using Kakunin.Store.Contacts;

namespace Kakunin.Store.Tests.Contacts;

/// <summary>The address book (migration 19) against a real SQLite store: collection, saved contacts, suggestions, scoping.</summary>
public sealed class ContactBookTests
{
    private const string Alice = "alice@example.test";
    private const string Bob = "bob@example.test";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static async Task<TempStore> WithUsersAsync()
    {
        var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.test", ct);
        await t.Store.Directory.AddUserAsync(Alice, "pw", ct);
        await t.Store.Directory.AddUserAsync(Bob, "pw", ct);
        return t;
    }

    private static Task CollectAsync(TempStore t, string user, DateTimeOffset at, params (string Address, string? Name)[] recipients) =>
        t.Store.Writer.WriteAsync(tx => ContactCollection.Record(tx, user, recipients, at), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Sending_collects_each_address_once_counts_uses_and_a_typed_name_fills_only_an_empty_one()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);

        await CollectAsync(t, Alice, T0, ("Dana@Remote.test", null), ("dana@remote.test", "ignored twice"), (Alice, "Me"));
        await CollectAsync(t, Alice, T0.AddHours(1), ("dana@remote.test", "Dana Scully"));
        await CollectAsync(t, Alice, T0.AddHours(2), ("dana@remote.test", "Someone Else"));

        var dana = Assert.Single((await book.ListAsync(Alice, null, 50, ct)).Contacts); // not the user's own address
        Assert.Equal("dana@remote.test", dana.Address);
        Assert.Equal("Dana Scully", dana.Name); // a name won over none, and nothing replaced it later
        Assert.False(dana.Saved);
        Assert.Equal(3, dana.TimesUsed);
        Assert.Equal(T0.AddHours(2), dana.LastUsedAt);
    }

    [Fact]
    public async Task A_saved_contact_keeps_its_name_when_collection_meets_it_and_only_its_use_count_changes()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);
        var added = await book.AddAsync(Alice, "fox@remote.test", "Fox Mulder", T0, ct);
        var noName = await book.AddAsync(Alice, "nameless@remote.test", null, T0, ct);

        await CollectAsync(t, Alice, T0.AddDays(1), ("fox@remote.test", "Spooky"), ("nameless@remote.test", "Typed Name"));

        var fox = await book.GetAsync(Alice, added.Id!.Value, ct);
        Assert.Equal(("Fox Mulder", true, 1L, T0.AddDays(1)), (fox!.Name, fox.Saved, fox.TimesUsed, fox.LastUsedAt));
        Assert.Null((await book.GetAsync(Alice, noName.Id!.Value, ct))!.Name); // explicit contacts are never written by collection
    }

    [Fact]
    public async Task Adding_an_address_collected_before_saves_it_with_its_count_and_adding_it_again_is_refused()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);
        await CollectAsync(t, Alice, T0, ("walter@remote.test", null), ("walter@remote.test", null));
        await CollectAsync(t, Alice, T0, ("walter@remote.test", null));

        var first = await book.AddAsync(Alice, " Walter@Remote.test ", "Walter Skinner", T0, ct);
        var again = await book.AddAsync(Alice, "walter@remote.test", "W", T0, ct);

        Assert.Null(first.Problem);
        Assert.Equal(ContactProblem.AlreadySaved, again.Problem);
        var walter = Assert.Single((await book.ListAsync(Alice, null, 50, ct)).Contacts);
        Assert.Equal(("walter@remote.test", "Walter Skinner", true, 2L), (walter.Address, walter.Name, walter.Saved, walter.TimesUsed));
    }

    [Fact]
    public async Task Suggestions_match_the_start_of_a_name_word_or_the_address_saved_first_then_by_use_then_recency()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);
        await CollectAsync(t, Alice, T0, ("jo.often@remote.test", "Often Used"), ("john.smith@remote.test", null));
        await CollectAsync(t, Alice, T0.AddHours(1), ("jo.often@remote.test", null), ("joan@remote.test", "Joan Recent"));
        await CollectAsync(t, Alice, T0.AddHours(2), ("joan@remote.test", null));
        await CollectAsync(t, Alice, T0.AddHours(3), ("mojo@remote.test", "Mojo Jojo"), ("banjo@remote.test", null));
        await book.AddAsync(Alice, "zed@remote.test", "Johanna Saved", T0, ct);

        var found = (await book.SuggestAsync(Alice, "jo", 8, ct)).Select(c => c.Address).ToList();

        // Saved first; then 2 uses (Joan later than jo.often), then 1 use, newest first. "banjo" and "mojo" do not
        // start with "jo" (Mojo Jojo does, by its second word).
        Assert.Equal(["zed@remote.test", "joan@remote.test", "jo.often@remote.test", "mojo@remote.test", "john.smith@remote.test"], found);
        Assert.Equal(["john.smith@remote.test"], (await book.SuggestAsync(Alice, "smi", 8, ct)).Select(c => c.Address)); // a piece of the local part
        Assert.Equal(["joan@remote.test"], (await book.SuggestAsync(Alice, "JOAN@REM", 8, ct)).Select(c => c.Address));
        Assert.Equal(["joan@remote.test"], (await book.SuggestAsync(Alice, "rec jo", 8, ct)).Select(c => c.Address)); // every word must match
        Assert.Empty(await book.SuggestAsync(Alice, "%", 8, ct)); // LIKE's own characters are literal
        Assert.Empty(await book.SuggestAsync(Alice, "  ", 8, ct));
    }

    [Fact]
    public async Task Japanese_names_are_found_by_any_part_in_kana_or_kanji_and_by_full_width_letters()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);
        await book.AddAsync(Alice, "yamada@remote.test", "山田太郎", T0, ct);
        await book.AddAsync(Alice, "suzuki@remote.test", "スズキ ハナコ", T0, ct);
        await book.AddAsync(Alice, "sato@remote.test", "佐藤 花子", T0, ct);

        Assert.Equal(["yamada@remote.test"], (await book.SuggestAsync(Alice, "太郎", 8, ct)).Select(c => c.Address)); // no space in the name
        Assert.Equal(["suzuki@remote.test"], (await book.SuggestAsync(Alice, "すずき", 8, ct)).Select(c => c.Address)); // hiragana finds katakana
        Assert.Equal(["sato@remote.test"], (await book.SuggestAsync(Alice, "佐藤花", 8, ct)).Select(c => c.Address)); // across the space
        Assert.Equal(["sato@remote.test"], (await book.SuggestAsync(Alice, "ｓａｔ", 8, ct)).Select(c => c.Address)); // full-width letters
    }

    [Fact]
    public async Task Another_user_never_sees_lists_changes_or_deletes_someone_elses_contacts()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);
        var secret = await book.AddAsync(Alice, "secret@remote.test", "Secret Source", T0, ct);
        await CollectAsync(t, Alice, T0, ("sent.by.alice@remote.test", "Sent By Alice"));

        Assert.Empty(await book.SuggestAsync(Bob, "se", 8, ct));
        Assert.Equal(0, (await book.ListAsync(Bob, null, 50, ct)).Total);
        Assert.Null(await book.GetAsync(Bob, secret.Id!.Value, ct));
        Assert.Null((await book.UpdateAsync(Bob, secret.Id.Value, "x@remote.test", "X", ct)).Id);
        Assert.False(await book.DeleteAsync(Bob, secret.Id.Value, ct));
        Assert.False(await book.KeepAsync(Bob, secret.Id.Value, ct));
        Assert.Equal("Secret Source", (await book.GetAsync(Alice, secret.Id.Value, ct))!.Name);
        Assert.Equal(2, (await book.ListAsync(Alice, null, 50, ct)).Total);
    }

    [Fact]
    public async Task Editing_to_an_address_another_contact_has_is_refused_and_keep_and_delete_work_on_ones_own()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var book = new ContactBook(t.Store);
        var a = await book.AddAsync(Alice, "a@remote.test", "A", T0, ct);
        await CollectAsync(t, Alice, T0, ("b@remote.test", null));
        var b = (await book.SuggestAsync(Alice, "b@", 1, ct))[0];

        Assert.Equal(ContactProblem.AlreadySaved, (await book.UpdateAsync(Alice, a.Id!.Value, "B@remote.test", "A", ct)).Problem);
        Assert.True(await book.KeepAsync(Alice, b.Id, ct));
        Assert.True((await book.GetAsync(Alice, b.Id, ct))!.Saved);
        Assert.Null((await book.UpdateAsync(Alice, a.Id.Value, "a2@remote.test", "  A Two ", ct)).Problem);
        Assert.Equal(("a2@remote.test", "A Two"), ((await book.GetAsync(Alice, a.Id.Value, ct))!.Address, (await book.GetAsync(Alice, a.Id.Value, ct))!.Name));
        Assert.True(await book.DeleteAsync(Alice, b.Id, ct));
        Assert.Equal(["a2@remote.test"], (await book.ListAsync(Alice, null, 50, ct)).Contacts.Select(c => c.Address));
    }

    [Theory]
    [InlineData("", ContactProblem.Empty)]
    [InlineData("no-at-sign.example", ContactProblem.NoAt)]
    [InlineData("bob@", ContactProblem.NoAt)]
    [InlineData("evil@remote.test\r\nBcc: victim@remote.test", ContactProblem.ControlCharacters)]
    [InlineData("Bob <bob@remote.test>", ContactProblem.NotAnAddress)]
    [InlineData("a@b@remote.test", ContactProblem.NotAnAddress)]
    [InlineData("a, b@remote.test", ContactProblem.NotAnAddress)]
    [InlineData("bob@remote..test", ContactProblem.NotAnAddress)]
    public void Bad_addresses_are_refused_with_the_rule_they_broke(string address, ContactProblem expected) =>
        Assert.Equal(expected, ContactRules.AddressProblem(address));

    [Fact]
    public void Long_addresses_and_names_and_names_with_line_breaks_are_refused_and_good_ones_pass()
    {
        Assert.Equal(ContactProblem.TooLong, ContactRules.AddressProblem(new string('a', 490) + "@remote.test"));
        Assert.Equal(ContactProblem.TooLong, ContactRules.NameProblem(new string('n', 500)));
        Assert.Equal(ContactProblem.ControlCharacters, ContactRules.NameProblem("Bob\r\nBcc: victim@remote.test"));
        Assert.Null(ContactRules.AddressProblem("bob.o'brien+tag@remote.test"));
        Assert.Null(ContactRules.NameProblem("山田 太郎"));
        Assert.Null(ContactRules.NameProblem(null));
    }

    [Fact]
    public async Task The_store_refuses_a_field_the_rules_refuse_so_nothing_bad_is_stored()
    {
        await using var t = await WithUsersAsync();
        var book = new ContactBook(t.Store);
        await Assert.ThrowsAsync<ArgumentException>(() => book.AddAsync(Alice, "x@remote.test", "X\nBcc: y@remote.test", T0, TestContext.Current.CancellationToken));
        await CollectAsync(t, Alice, T0, ("bad\r\n@remote.test", "Bad"), ("ok@remote.test", "Line\r\nBreak"));
        var ok = Assert.Single((await book.ListAsync(Alice, null, 50, TestContext.Current.CancellationToken)).Contacts);
        Assert.Equal("LineBreak", ok.Name);
    }
}
