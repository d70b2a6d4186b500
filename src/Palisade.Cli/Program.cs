using Palisade.Cli;

var io = CliIo.Console;
var code = App.Run(args, io);
io.Out.Flush();
return code;
