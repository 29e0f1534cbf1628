using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;
using Scrutor;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Loads and activates a plugin's code: checks the contracts range and the folder, loads the assembly in its own
/// context, forces every type to load (so a broken plugin fails here, not mid-request), registers its extension
/// points with Scrutor into a service collection of its own, runs its entry point, and binds its rules to the models
/// the manifest lists them for (<see cref="RuleBinding"/>). A data-only plugin (no <c>entryAssembly</c>) has no code
/// and is active as it is.
/// </summary>
/// <remarks>
/// Each plugin gets its own container (with the host's logging and clock) rather than writing into the host's:
/// discovery can then be asynchronous, and a plugin can never replace a host service or another plugin's.
/// </remarks>
public sealed class PluginCodeActivator(IPluginCodeLoader loader, ILoggerFactory loggerFactory, TimeProvider timeProvider)
{
    /// <summary>File name of the contracts assembly, which must never be in a plugin folder.</summary>
    public static readonly string ContractsFileName = typeof(IVideoStudioPlugin).Assembly.GetName().Name + ".dll";

    /// <summary>The host's contracts version (informational, e.g. 1.0.0).</summary>
    public static NuGetVersion HostContractsVersion { get; } = NuGetVersion.Parse(
        typeof(IVideoStudioPlugin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]);

    /// <summary>Activates the plugin's code (in <paramref name="codeLoader"/>'s contexts, or the registered loader's); throws <see cref="PluginQuarantineException"/> with a reason on any failure.</summary>
    public (PluginCode Code, IServiceProvider? Services) Activate(PluginManifest manifest, string directory, IReadOnlyList<ModelDescriptor> models, IPluginCodeLoader? codeLoader = null)
    {
        if (!HasCode(manifest, directory))
        {
            return (PluginCode.None, null);
        }

        string assemblyPath = Path.Combine(directory, manifest.EntryAssembly!);
        Assembly assembly;
        Type[] types;
        try
        {
            assembly = (codeLoader ?? loader).Load(assemblyPath);
            types = assembly.GetTypes(); // eager: surfaces every TypeLoadException now
        }
        catch (ReflectionTypeLoadException ex)
        {
            string first = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new PluginQuarantineException($"type-load failure in {manifest.EntryAssembly}: {first} Rebuild the plugin against the host's contracts version {HostContractsVersion}.", ex);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException)
        {
            throw new PluginQuarantineException($"{manifest.EntryAssembly} could not be loaded: {ex.Message}", ex);
        }

        CheckSharedIdentity(manifest, types);
        return (ResolveCode(manifest, directory, models, assembly, types, out IServiceProvider services), services);
    }

    /// <summary>
    /// The checks that run no plugin code (contracts range, no private contracts copy, the entry assembly present):
    /// whether the plugin has code to activate; throws <see cref="PluginQuarantineException"/> with a reason.
    /// </summary>
    public static bool HasCode(PluginManifest manifest, string directory)
    {
        CheckContractsRange(manifest);
        if (manifest.EntryAssembly is null)
        {
            return false;
        }

        if (File.Exists(Path.Combine(directory, ContractsFileName)))
        {
            throw new PluginQuarantineException($"{ContractsFileName} is in the plugin folder: a private copy splits type identity. Reference the contracts with Private=false (see plugins/Directory.Build.props) and delete the copy.");
        }

        if (!File.Exists(Path.Combine(directory, manifest.EntryAssembly)))
        {
            throw new PluginQuarantineException($"entry assembly '{manifest.EntryAssembly}' named in plugin.json is not in the folder; build the plugin into it or fix the name.");
        }

        return true;
    }

    private static void CheckContractsRange(PluginManifest manifest)
    {
        if (!VersionRange.TryParse(manifest.Contracts, out VersionRange? range))
        {
            throw new PluginQuarantineException($"plugin.json 'contracts' value '{manifest.Contracts}' is not a version range; use NuGet range syntax such as [1.0, 2.0).");
        }

        if (!range.Satisfies(HostContractsVersion))
        {
            throw new PluginQuarantineException($"the plugin supports contracts {range.PrettyPrint()} but this host has {HostContractsVersion}; install a plugin version built for it.");
        }
    }

    // A contracts copy loaded into the plugin's context makes its types unassignable to ours: detect it.
    private static void CheckSharedIdentity(PluginManifest manifest, Type[] types)
    {
        Assembly? contractsSeen = types
            .SelectMany(t => t.GetInterfaces())
            .FirstOrDefault(i => i.Namespace == typeof(IInputRule).Namespace)?.Assembly;
        if (contractsSeen is not null && contractsSeen != typeof(IInputRule).Assembly)
        {
            throw new PluginQuarantineException($"{manifest.EntryAssembly} sees its own copy of {ContractsFileName} (version {contractsSeen.GetName().Version}), not the host's; remove the copy from the plugin folder.");
        }
    }

    private PluginCode ResolveCode(PluginManifest manifest, string directory, IReadOnlyList<ModelDescriptor> models, Assembly assembly, Type[] types, out IServiceProvider provider)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(timeProvider);
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableTo<IInputRule>(), publicOnly: false).UsingRegistrationStrategy(RegistrationStrategy.Append).As<IInputRule>().WithSingletonLifetime()
            .AddClasses(c => c.AssignableTo<IInputNormalizer>(), publicOnly: false).UsingRegistrationStrategy(RegistrationStrategy.Append).As<IInputNormalizer>().WithSingletonLifetime()
            .AddClasses(c => c.AssignableTo<IOutputMapper>(), publicOnly: false).UsingRegistrationStrategy(RegistrationStrategy.Append).As<IOutputMapper>().WithSingletonLifetime());
        var context = new PluginContext(manifest.Id, manifest.Version, directory, models);
        try
        {
            foreach (Type entry in types.Where(t => typeof(IVideoStudioPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
            {
                ((IVideoStudioPlugin)Activator.CreateInstance(entry)!).ConfigureServices(services, context);
            }

            provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            IInputRule[] rules = provider.GetServices<IInputRule>().ToArray();
            return new PluginCode(rules, provider.GetServices<IInputNormalizer>().ToArray(), provider.GetServices<IOutputMapper>().ToArray())
            {
                RulesByModel = RuleBinding.Bind(manifest, rules),
            };
        }
        catch (Exception ex) when (ex is not PluginQuarantineException)
        {
            throw new PluginQuarantineException($"{manifest.EntryAssembly} failed while registering its services: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}
