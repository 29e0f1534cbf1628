using VideoStudio.Cli;
using VideoStudio.Cli.Output;

// `videostudio`: every command is a thin adapter over IVideoStudio; see Commands/.
Terminal.Configure();
return await CliApp.RunAsync(args).ConfigureAwait(false);
