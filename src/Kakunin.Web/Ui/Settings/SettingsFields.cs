namespace Kakunin.Web.Ui.Settings;

/// <summary>What Pages/Settings/_SettingsFields.cshtml renders: a form's fields, named under <paramref name="Prefix"/> (the bound property).</summary>
public sealed record SettingsFields(UserSettingsForm Form, string Prefix);
