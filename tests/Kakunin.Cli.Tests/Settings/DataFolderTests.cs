using Kakunin.Cli.Settings;
using Kakunin.Web;

namespace Kakunin.Cli.Tests.Settings;

/// <summary>
/// How every command finds the data folder: --data, KAKUNIN_DATA, the configuration (KAKUNIN__DATADIRECTORY, the file
/// named by KAKUNIN_CONFIG, appsettings.{Environment}.json, appsettings.json), then ./kakunin-data; and that each answer
/// says where it came from.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kakunin-cli-settings-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Cwd => _dir.FullName;

    private string Write(string name, string json)
    {
        var path = Path.Combine(Cwd, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Data(string folder) => $$"""{ "Kakunin": { "DataDirectory": "{{folder}}" } }""";

    private Located<string> Resolve(string? option, params (string Name, string Value)[] variables) =>
        DataFolder.Resolve(option, CliRunner.Isolated(variables.ToDictionary(v => v.Name, v => v.Value), Cwd));

    [Fact]
    public void With_nothing_set_it_is_kakunin_data_in_the_working_directory()
    {
        var found = Resolve(null);

        Assert.Equal(Path.Combine(Cwd, "kakunin-data"), found.Value);
        Assert.Null(found.Source);
        Assert.Equal("the default", found.Origin);
    }

    [Fact]
    public void The_option_wins_over_everything_and_is_made_absolute_against_the_working_directory()
    {
        var config = Write("kakunin.json", Data("/from/config"));

        var found = Resolve("mine", ("KAKUNIN_DATA", "/from/variable"), ("KAKUNIN_CONFIG", config), ("KAKUNIN__DATADIRECTORY", "/from/aspnet"));

        Assert.Equal(Path.Combine(Cwd, "mine"), found.Value);
        Assert.Equal("from --data", found.Origin);
    }

    [Fact]
    public void KAKUNIN_DATA_comes_next_before_any_configuration()
    {
        var config = Write("kakunin.json", Data("/from/config"));

        var found = Resolve(null, ("KAKUNIN_DATA", "/srv/mail"), ("KAKUNIN_CONFIG", config), ("KAKUNIN__DATADIRECTORY", "/from/aspnet"));

        Assert.Equal("/srv/mail", found.Value);
        Assert.Equal("from KAKUNIN_DATA", found.Origin);
    }

    [Fact]
    public void The_configuration_ranks_as_kakunin_serve_reads_it()
    {
        Write("appsettings.json", Data("/from/appsettings"));
        Assert.Equal(("/from/appsettings", Path.Combine(Cwd, "appsettings.json")), Pair(Resolve(null)));

        // ASP.NET Core's environment is Production when none is set.
        Write("appsettings.Production.json", Data("/from/production"));
        Assert.Equal(("/from/production", Path.Combine(Cwd, "appsettings.Production.json")), Pair(Resolve(null)));

        Write("appsettings.Staging.json", Data("/from/staging"));
        Assert.Equal("/from/staging", Resolve(null, ("DOTNET_ENVIRONMENT", "Staging")).Value);
        Assert.Equal("/from/production", Resolve(null, ("DOTNET_ENVIRONMENT", "Staging"), ("ASPNETCORE_ENVIRONMENT", "Production")).Value);

        var config = Write("kakunin.json", Data("/from/config"));
        Assert.Equal(("/from/config", config), Pair(Resolve(null, ("KAKUNIN_CONFIG", config))));

        // Environment variables over files; names in any case, "__" for ":", as ASP.NET Core reads them.
        Assert.Equal(("/from/aspnet", "Kakunin__DataDirectory"), Pair(Resolve(null, ("KAKUNIN_CONFIG", config), ("Kakunin__DataDirectory", "/from/aspnet"))));
    }

    [Fact]
    public void A_relative_folder_in_a_file_is_relative_to_the_working_directory_as_for_serve()
    {
        var config = Write("kakunin.json", Data("data"));

        Assert.Equal(Path.Combine(Cwd, "data"), Resolve(null, ("KAKUNIN_CONFIG", config)).Value);
    }

    [Fact]
    public void A_configuration_file_named_but_missing_is_an_error_naming_it_and_the_variable()
    {
        var missing = Path.Combine(Cwd, "nope.json");

        var e = Assert.Throws<CliSettingsException>(() => Resolve(null, ("KAKUNIN_CONFIG", missing)));

        Assert.Equal($"the configuration file {missing} (from KAKUNIN_CONFIG) does not exist", e.Message);
    }

    [Fact]
    public void A_configuration_file_that_is_not_json_is_an_error_naming_it()
    {
        var broken = Write("kakunin.json", "{ \"Kakunin\": ");

        var e = Assert.Throws<CliSettingsException>(() => Resolve(null, ("KAKUNIN_CONFIG", broken)));

        Assert.StartsWith($"cannot read the configuration file {broken}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_machine_wide_file_is_read_only_when_it_exists_and_KAKUNIN_CONFIG_is_unset()
    {
        static string? None(string _) => null;

        Assert.Null(KakuninConfigFile.Locate(None, _ => false));
        Assert.Equal(new ConfigFileLocation("/etc/kakunin/kakunin.json", null), KakuninConfigFile.Locate(None, p => p == "/etc/kakunin/kakunin.json"));
        Assert.Equal(
            new ConfigFileLocation(Path.GetFullPath("/srv/k.json"), "KAKUNIN_CONFIG"),
            KakuninConfigFile.Locate(n => n == "KAKUNIN_CONFIG" ? "/srv/k.json" : null, _ => true));
    }

    private static (string, string?) Pair(Located<string> found) => (found.Value, found.Source);
}
