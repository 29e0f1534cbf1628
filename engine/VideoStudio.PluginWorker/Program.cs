using StreamJsonRpc;
using VideoStudio.PluginWorker;

// Limits first: nothing of the plugin's is loaded yet, so nothing of it runs uncapped or unconfined.
string limits = ResourceLimits.Apply(args);
string confinement = Landlock.Apply(ResourceLimits.Text(args, "--plugin-dir"), Environment.CurrentDirectory);
string capabilities = Capabilities.DropAll();

// The RPC owns the real standard streams; what plugin code writes to Console goes to stderr, which the host drains
// and bounds, and it reads nothing.
Stream fromHost = Console.OpenStandardInput();
Stream toHost = Console.OpenStandardOutput();
Console.SetOut(Console.Error);
Console.SetIn(TextReader.Null);
await Console.Error.WriteLineAsync($"videostudio plugin worker {Environment.ProcessId}: {limits}; {confinement}; {capabilities}").ConfigureAwait(false);

var service = new WorkerService();
using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toHost, fromHost, new SystemTextJsonFormatter()), service);
rpc.StartListening();
await rpc.Completion.ConfigureAwait(false); // the host closed our standard input, or the stream broke: end.
return 0;
