using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `webhooks endpoint show|set|delete|rotate`, `webhooks deliveries`, `webhooks redeliver`, `webhooks deliver`: the
/// owner's outgoing webhooks in the local store (a server sharing the data directory delivers them too).
/// </summary>
public sealed class WebhooksCommand : ICliCommand
{
    private static readonly Option<string> Owner = new("--owner") { Description = "Whose webhooks (default: local).", DefaultValueFactory = _ => "local", Recursive = true };

    /// <inheritdoc />
    public Command Build()
    {
        var endpoint = new Command("endpoint", "The default endpoint for jobs without --webhook, and the signing secret.");
        endpoint.Subcommands.Add(Endpoint("show", "The endpoint and the secret (whsec_…).", (s, owner, _, ct) => s.GetEndpointAsync(owner, ct)));
        Argument<string> url = new("url") { Description = "An http(s) URL." };
        Command set = Endpoint("set", "Set the endpoint (the secret is made on first use and kept).", async (s, owner, parse, ct) => await s.SetEndpointAsync(owner, parse.GetValue(url)!, ct).ConfigureAwait(false));
        set.Arguments.Add(url);
        endpoint.Subcommands.Add(set);
        endpoint.Subcommands.Add(Endpoint("rotate", "A new secret; the previous one keeps signing beside it for the grace period.", (s, owner, _, ct) => s.RotateSecretAsync(owner, ct)));
        var delete = new Command("delete", "Remove the endpoint and the secrets.");
        delete.SetAction((parse, ct) => WithSettingsAsync(parse, async s =>
            await s.DeleteEndpointAsync(parse.GetValue(Owner)!, ct).ConfigureAwait(false) ? ExitCodes.Ok : Terminal.Fail("No webhook endpoint to delete.", ExitCodes.Failure), ct));
        endpoint.Subcommands.Add(delete);
        var webhooks = new Command("webhooks", "Signed webhooks out (Standard Webhooks): endpoint, secret, deliveries, redelivery.") { Owner };
        webhooks.Subcommands.Add(endpoint);
        webhooks.Subcommands.Add(Deliveries());
        webhooks.Subcommands.Add(Redeliver());
        webhooks.Subcommands.Add(Deliver());
        return webhooks;
    }

    /// <summary>Delivers what is due until nothing is, or <paramref name="limit"/> has passed (what is left stays in the outbox).</summary>
    public static async Task DrainAsync(IVideoJobs jobs, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            while (await jobs.DeliverWebhooksAsync(deadline.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("Some webhook deliveries are still due; they stay in the outbox (`webhooks deliver`, or a server on this data directory, sends them).");
        }
    }

    private static Command Endpoint(string name, string description, Func<IWebhookEndpoints, string, ParseResult, CancellationToken, Task<WebhookEndpoint?>> act)
    {
        Option<bool> json = CommonOptions.Json();
        var command = new Command(name, description) { json };
        command.SetAction((parse, ct) => WithSettingsAsync(parse, async s =>
        {
            if (await act(s, parse.GetValue(Owner)!, parse, ct).ConfigureAwait(false) is not WebhookEndpoint e)
            {
                return Terminal.Fail("No webhook endpoint; set one with `webhooks endpoint set URL`.", ExitCodes.Failure);
            }

            if (parse.GetValue(json))
            {
                Terminal.WriteJson(e);
            }
            else
            {
                AnsiConsole.MarkupLine($"Endpoint: {Terminal.Esc(e.Url ?? "(none: per-job --webhook only)")}");
                AnsiConsole.MarkupLine($"Secret:   {Terminal.Esc(e.Secret)}");
                if (e.PreviousSecret is not null)
                {
                    AnsiConsole.MarkupLine($"Previous: {Terminal.Esc(e.PreviousSecret)} (signs until {e.PreviousSecretExpiresAt:u})");
                }
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Deliveries()
    {
        Option<string?> job = new("--job") { Description = "Only this job's." };
        Option<WebhookDeliveryState?> state = new("--state") { Description = "Pending, Delivered or Dead." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("deliveries", "Deliveries, newest first.") { job, state, json };
        command.SetAction((parse, ct) => WithSettingsAsync(parse, async s =>
        {
            IReadOnlyList<WebhookDelivery> list = await s.ListDeliveriesAsync(parse.GetValue(Owner)!, parse.GetValue(job), parse.GetValue(state), 200, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(list);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Delivery", "Job", "Event", "State", "Attempts", "Last");
            foreach (WebhookDelivery d in list)
            {
                table.AddRow(Terminal.Esc(d.Id), Terminal.Esc(d.JobId), Terminal.Esc(d.EventType), d.State.ToString(), d.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Terminal.Esc(d.LastError ?? (d.LastStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Redeliver()
    {
        Argument<string> id = new("delivery") { Description = "Delivery id (msg_…)." };
        var command = new Command("redeliver", "Send a delivery again now, same webhook-id (then `webhooks deliver`, or a running server, sends it).") { id };
        command.SetAction((parse, ct) => WithSettingsAsync(parse, async s =>
            await s.RedeliverAsync(parse.GetValue(Owner)!, parse.GetValue(id)!, ct).ConfigureAwait(false) is null
                ? Terminal.Fail($"No delivery '{parse.GetValue(id)}' of yours.", ExitCodes.Failure)
                : ExitCodes.Ok, ct));
        return command;
    }

    private static Command Deliver()
    {
        var command = new Command("deliver", "Send every delivery that is due now (at most 30 s), as a server would.");
        command.SetAction((parse, ct) => CliApp.WithServicesAsync(parse, async services =>
        {
            await DrainAsync(services.GetRequiredService<IVideoJobs>(), TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Task<int> WithSettingsAsync(ParseResult parse, Func<IWebhookEndpoints, Task<int>> body, CancellationToken ct) =>
        CliApp.WithServicesAsync(parse, services => body(services.GetRequiredService<IWebhookEndpoints>()), ct);
}
