using Palisade.Cli;

return App.Run(args, CliIo.Console);
