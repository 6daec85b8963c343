using System.Net;
using System.Xml.Linq;
using Kakunin.IntegrationTests.Hardening;
using Microsoft.Data.Sqlite;

namespace Kakunin.IntegrationTests.Web;

/// <summary>
/// The cookie keys moved from the files of &lt;data&gt;/keys into the database (migration 15, docs/security.md
/// "Cookie keys"): someone signed in before the upgrade is still signed in after it. The "before" is made from a real
/// sign-in: its key is turned back into the key file an older version wrote (ASP.NET Core's FileSystemXmlRepository,
/// "&lt;friendly name&gt;.xml") and taken out of the table, as in a database of that version.
/// </summary>
public sealed class CookieKeysUpgradeTests
{
    [Fact]
    public async Task A_user_signed_in_with_the_key_files_of_before_stays_signed_in_after_the_keys_move_to_the_database()
    {
        var data = Directory.CreateTempSubdirectory("kakunin-it-").FullName;
        var cookies = await SignInAsync(data);
        var keyNames = KeysBackToFiles(data);

        await using (var upgraded = await KakuninProcess.StartAsync(dataDirectory: data))
        {
            Assert.Equal(HttpStatusCode.OK, await InboxAsync(upgraded, cookies));
        }

        // Imported: the same names are rows again, and the files are still there (going back to the old version works).
        Assert.Equal(keyNames, KeyRows(data));
        Assert.All(keyNames, name => Assert.True(File.Exists(Path.Combine(data, "keys", name + ".xml"))));
    }

    [Fact]
    public async Task Without_the_key_files_the_same_cookie_is_refused()
    {
        // The counter-check: the cookie opens above because of the imported key, not in spite of losing it.
        var data = Directory.CreateTempSubdirectory("kakunin-it-").FullName;
        var cookies = await SignInAsync(data);
        KeysBackToFiles(data);
        Directory.Delete(Path.Combine(data, "keys"), recursive: true);

        await using var upgraded = await KakuninProcess.StartAsync(dataDirectory: data);

        Assert.Equal(HttpStatusCode.Redirect, await InboxAsync(upgraded, cookies));
    }

    private static async Task<CookieCollection> SignInAsync(string data)
    {
        await using var server = await KakuninProcess.StartAsync(dataDirectory: data);
        using var web = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        using (var signIn = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
        {
            Assert.Equal("/mail/Inbox", signIn.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, await InboxAsync(server, web.Cookies.GetAllCookies()));
        return web.Cookies.GetAllCookies();
    }

    private static async Task<HttpStatusCode> InboxAsync(KakuninProcess server, CookieCollection cookies)
    {
        using var web = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        web.Cookies.Add(cookies); // cookies are not tied to a port (RFC 6265 §8.5), the new server's differs
        using var inbox = await web.GetAsync("/mail/Inbox");
        return inbox.StatusCode;
    }

    // What a version before migration 15 had: each key as <data>/keys/<name>.xml, none in the table.
    private static List<string> KeysBackToFiles(string data)
    {
        var folder = Directory.CreateDirectory(Path.Combine(data, "keys")).FullName;
        var names = new List<string>();
        using (var connection = Open(data))
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT name, xml FROM data_protection_keys ORDER BY name";
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                    XElement.Parse(reader.GetString(1)).Save(Path.Combine(folder, reader.GetString(0) + ".xml"));
                }
            }

            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM data_protection_keys";
            delete.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        Assert.NotEmpty(names);
        return names;
    }

    private static List<string> KeyRows(string data)
    {
        using var connection = Open(data);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT name FROM data_protection_keys ORDER BY name";
        using var reader = read.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        SqliteConnection.ClearAllPools();
        return names;
    }

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data, "kakunin.db")}");
        connection.Open();
        return connection;
    }
}
