using VideoStudio.Cli;

// `videostudio`: every command is a thin adapter over IVideoStudio; see Commands/.
return await CliApp.RunAsync(args).ConfigureAwait(false);
