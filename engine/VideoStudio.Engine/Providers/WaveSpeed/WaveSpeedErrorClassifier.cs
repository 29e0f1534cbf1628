using System.Text.RegularExpressions;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Turns an HTTP status plus envelope into a typed <see cref="ProviderException"/> with a message a person can act
/// on. Both the HTTP status and the envelope <c>code</c> count: the envelope can say failure under HTTP 200 (§3, §6).
/// </summary>
internal static partial class WaveSpeedErrorClassifier
{
    /// <summary>"insufficient … balance/credit(s)": specific wording, never the bare word "credit" (§6).</summary>
    [GeneratedRegex(@"\binsufficient\b[\w\s]{0,30}?\b(balance|credits?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InsufficientBalanceText();

    /// <summary>The error for a response, or null when it is a success.</summary>
    /// <param name="httpStatus">The HTTP status.</param>
    /// <param name="envelope">The parsed body, or null when it was not JSON.</param>
    /// <param name="what">What was being done, e.g. "submit to wavespeed-ai/flashvsr" (no URLs with queries).</param>
    public static ProviderException? Classify(int httpStatus, WaveSpeedEnvelope? envelope, string what)
    {
        bool httpOk = httpStatus is >= 200 and < 300;
        if (httpOk && (envelope is null || envelope.IsSuccess))
        {
            return null;
        }

        int? envelopeCode = envelope?.IsSuccess == false ? envelope.Code : null;
        int? taskCode = TaskCodeOf(envelopeCode) ?? TaskCodeOf(envelope?.DataCode);
        string detail = Detail(envelope);
        int? status = httpOk ? null : httpStatus;
        int effective = httpOk ? envelopeCode ?? 500 : httpStatus;

        if (IsInsufficientBalance(effective, detail))
        {
            return new ProviderException(ProviderErrorKind.InsufficientBalance,
                $"WaveSpeed reports insufficient balance for {what}{detail}. Top up the account.", status, Text(taskCode));
        }

        // A refusal at the door (authentication, authorisation, rate limit) proves nothing was created.
        if (effective is 401 or 403 || envelopeCode is 401 or 403)
        {
            int shown = effective is 401 or 403 ? effective : envelopeCode!.Value;
            return new ProviderException(ProviderErrorKind.Authentication,
                $"WaveSpeed rejected the API key during {what} ({shown}{detail}). Check WAVESPEED_API_KEY and that the account may use this model; the account needs a top-up before keys work.",
                status, Text(taskCode), nothingCreated: true);
        }

        if (taskCode is int code && WaveSpeedTaskCodes.ToKind(code) is ProviderErrorKind kind)
        {
            return new ProviderException(kind, $"WaveSpeed task error {code} during {what}{detail}. {Advice(kind)}", status, Text(code));
        }

        ProviderErrorKind byStatus = effective switch
        {
            400 or 422 => ProviderErrorKind.InvalidRequest,
            404 => ProviderErrorKind.NotFound,
            429 => ProviderErrorKind.RateLimited,
            _ => ProviderErrorKind.ProviderFailure,
        };
        string codeText = httpOk ? $"envelope code {effective} under HTTP {httpStatus}" : $"HTTP {httpStatus}";
        return new ProviderException(byStatus, $"WaveSpeed {what} failed: {codeText}{detail}. {Advice(byStatus)}", status, Text(taskCode),
            nothingCreated: byStatus == ProviderErrorKind.RateLimited);
    }

    private static bool IsInsufficientBalance(int status, string detail) =>
        status == 402 || (status is >= 400 and < 500 && InsufficientBalanceText().IsMatch(detail));

    private static string? Text(int? code) => code?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int? TaskCodeOf(int? code) => code is int c && WaveSpeedTaskCodes.ToKind(c) is not null ? c : null;

    private static string Detail(WaveSpeedEnvelope? envelope)
    {
        string text = string.Join("; ", new[] { envelope?.Message, envelope?.DataError, envelope?.ErrorCode }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Distinct());
        return text.Length == 0 ? string.Empty : $": {Trim(text)}";
    }

    // Provider text can be long (HTML error pages); keep messages readable. URLs in it are redacted.
    private static string Trim(string text)
    {
        string redacted = UrlRedactor.RedactText(text);
        return redacted.Length <= 300 ? redacted : redacted[..300] + "…";
    }

    private static string Advice(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.InvalidRequest => "The request was rejected as invalid; our schema for this model may be stale.",
        ProviderErrorKind.Moderation => "The content was blocked by moderation; change the inputs.",
        ProviderErrorKind.MediaUnreachable => "WaveSpeed could not download a media input; re-upload it and resubmit.",
        ProviderErrorKind.NotFound => "The task is unknown to WaveSpeed (or older than 7 days).",
        ProviderErrorKind.RateLimited => "Rate or concurrency limit reached; try again later.",
        _ => "Provider failure; try again later.",
    };
}
