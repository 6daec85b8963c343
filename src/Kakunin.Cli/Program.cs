using Kakunin.Cli;

return await KakuninCommand.Create().Parse(args).InvokeAsync();
