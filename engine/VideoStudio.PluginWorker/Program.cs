using StreamJsonRpc;
using VideoStudio.PluginWorker;

// Limits first: nothing of the plugin's is loaded yet, so nothing of it runs uncapped.
string limits = ResourceLimits.Apply(args);

// The RPC owns the real standard streams; what plugin code writes to Console goes to stderr, which the host drains
// and bounds, and it reads nothing.
Stream fromHost = Console.OpenStandardInput();
Stream toHost = Console.OpenStandardOutput();
Console.SetOut(Console.Error);
Console.SetIn(TextReader.Null);
await Console.Error.WriteLineAsync($"videostudio plugin worker {Environment.ProcessId}: {limits}").ConfigureAwait(false);

var service = new WorkerService();
using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toHost, fromHost, new SystemTextJsonFormatter()), service);
rpc.StartListening();
await rpc.Completion.ConfigureAwait(false); // the host closed our standard input, or the stream broke: end.
return 0;
