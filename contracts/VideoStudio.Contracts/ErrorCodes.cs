namespace VideoStudio.Contracts;

/// <summary>
/// Every code VideoStudio sends: input issues (<c>errors[]</c> / <c>warnings[]</c> of validate, estimate and compare,
/// and of 4xx problems), a job's <c>error.code</c>, and the kind of a problem (its <c>type</c> is
/// <c>urn:videostudio:problem:&lt;code&gt;</c>). One vocabulary, snake_case. Values never change meaning; new codes
/// may be added. A plugin's own rules (<see cref="IInputRule"/>) may add codes of their own, in snake_case too.
/// </summary>
public static class ErrorCodes
{
    // Input issues. The path is a JSON pointer into the model input (/duration), or a body field (webhook, model).

    /// <summary>A required field is missing: give it a value.</summary>
    public const string Required = "required";

    /// <summary>A field the model does not accept: remove it (compare prices the input without it).</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>A value outside the field's allowed values (also a query value such as <c>state</c>): use one the message lists.</summary>
    public const string NotAllowed = "not_allowed";

    /// <summary>A value of the wrong JSON type (in the model input, or a request body field that cannot be read as its type): send the documented type.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A number below the minimum (also a non-positive media duration hint, or a query <c>limit</c> below 1): raise it.</summary>
    public const string TooSmall = "too_small";

    /// <summary>A number above the maximum (also one beyond ±7.9e28, or a query <c>limit</c> above its maximum): lower it.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A string shorter than allowed: lengthen it.</summary>
    public const string TooShort = "too_short";

    /// <summary>A string longer than allowed: shorten it.</summary>
    public const string TooLong = "too_long";

    /// <summary>A string that does not match the expected pattern or format, or holds an unpaired UTF-16 surrogate: send valid text in the format named.</summary>
    public const string BadFormat = "bad_format";

    /// <summary>A media file or URL that does not exist or cannot be fetched: give an existing file path or URL.</summary>
    public const string MediaNotFound = "media_not_found";

    /// <summary>
    /// A media file that cannot be read (corrupt, truncated, unsupported container); also the problem of an upload or
    /// request whose file the probe cannot read. Re-export it (MP4/H.264, JPEG/PNG/WebP, WAV/MP3) and send it again.
    /// </summary>
    public const string MediaUnreadable = "media_unreadable";

    /// <summary>A media file of the wrong kind for the field (e.g. audio given for an image): give the kind the field takes.</summary>
    public const string MediaWrongKind = "media_wrong_kind";

    /// <summary>A media file larger than the field allows: compress or trim it.</summary>
    public const string MediaTooLarge = "media_too_large";

    /// <summary>Media longer than the field allows (also an absurd duration hint): trim it.</summary>
    public const string MediaTooLong = "media_too_long";

    /// <summary>Media shorter than the field allows: give longer media.</summary>
    public const string MediaTooShort = "media_too_short";

    /// <summary>Media whose pixel dimensions are outside the field's limits: resize it.</summary>
    public const string MediaBadDimensions = "media_bad_dimensions";

    /// <summary>A cross-field rule declared by the model's plugin (or a plugin that failed while checking): the message says what to change.</summary>
    public const string RuleViolation = "rule_violation";

    /// <summary>Warning: the image's aspect ratio differs from the output's; it will be cropped or padded. Change one of them if that matters.</summary>
    public const string AspectMismatch = "aspect_mismatch";

    /// <summary>
    /// A warning: the request as it is changes nothing (an upscale at or above its target, a speed of 1, a resize to the
    /// clip's own height), billed or not. The schema's data declares it; clients ask the person to confirm before submitting.
    /// </summary>
    public const string ChangesNothing = "changes_nothing";

    /// <summary>A job is refused: its price is unknown and no live quote was available; set <c>maxCostUsd</c>, the most you accept to be billed.</summary>
    public const string PriceUnknown = "price_unknown";

    /// <summary>Warning: a media URL's limits were not checked (remote probing is off, or the URL could not be fetched); give a duration hint where the price depends on it.</summary>
    public const string MediaNotChecked = "media_not_checked";

    /// <summary>A media URL the egress policy refuses (not a public address): give a public URL, or ask the operator to allow the host.</summary>
    public const string MediaUrlNotAllowed = "media_url_not_allowed";

    /// <summary>Over HTTP, a media value that is neither an http(s) URL, a file the caller uploaded nor <c>job:&lt;id&gt;</c>: upload the file (POST /v1/uploads) and give the returned path.</summary>
    public const string MediaPathNotAllowed = "media_path_not_allowed";

    /// <summary>A <c>job:&lt;id&gt;</c> media value naming no job of the caller's (another owner's job looks the same): use the id of one of your jobs.</summary>
    public const string MediaJobNotFound = "media_job_not_found";

    /// <summary>A <c>job:&lt;id&gt;</c> media value naming a job without a downloaded output: wait until it completes.</summary>
    public const string MediaJobNotFinished = "media_job_not_finished";

    /// <summary>A <c>job:&lt;id&gt;</c> media value given where only the job API resolves it (validating without it): go through the job API, or give a file or URL.</summary>
    public const string MediaJobUnresolved = "media_job_unresolved";

    /// <summary>No model has the id or alias given (a compare entry, or a 404 problem with close ids in <c>suggestions</c>): use one of the listed ids.</summary>
    public const string UnknownModel = "unknown_model";

    /// <summary>A webhook URL that is not absolute http(s), too long, or carries a user name or password: send a plain http(s) URL (a token may go in its query).</summary>
    public const string WebhookInvalid = "webhook_invalid";

    /// <summary>A webhook URL whose host does not resolve: check the name.</summary>
    public const string WebhookUnresolvable = "webhook_unresolvable";

    /// <summary>A webhook URL the egress policy refuses: use a public address, or ask the operator to allow the host.</summary>
    public const string WebhookNotAllowed = "webhook_not_allowed";

    // A job's error.code: why it failed, waits or needs a decision.

    /// <summary>The job was cancelled; the message says whether anything was charged.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The submission's answer was lost and the provider's history does not show the task (needs_decision): cancel it and submit again if you still want it.</summary>
    public const string OutcomeUnknown = "outcome_unknown";

    /// <summary>Uploading the job's media to the provider failed after retries; nothing was charged. Try again later.</summary>
    public const string UploadFailed = "upload_failed";

    /// <summary>The result could not be downloaded; it stays at the provider for 7 days under the job's prediction id.</summary>
    public const string DownloadFailed = "download_failed";

    /// <summary>The provider reported the task completed but returned no output.</summary>
    public const string NoOutput = "no_output";

    /// <summary>The provider refused the key (401/403): fix the API key or the account's access. While queued, the job is submitted again later.</summary>
    public const string ProviderAuth = "provider_auth";

    /// <summary>The provider rejected the input (its schema may differ from the plugin's): run <c>catalog check</c>, fix the input or the plugin.</summary>
    public const string ProviderRejectedInput = "provider_rejected_input";

    /// <summary>The provider's content moderation blocked the task: change the prompt or media.</summary>
    public const string Moderation = "moderation";

    /// <summary>The provider could not download a media URL: give a URL it can reach.</summary>
    public const string MediaUnreachable = "media_unreachable";

    /// <summary>The provider account's balance is too low: top it up.</summary>
    public const string InsufficientBalance = "insufficient_balance";

    /// <summary>The provider's rate limit: while queued, the job is submitted again after the window.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The provider does not know the job's prediction.</summary>
    public const string PredictionNotFound = "prediction_not_found";

    /// <summary>The provider failed (5xx after retries, or the task failed there; the message quotes the provider's status and code). While queued, submitted again later.</summary>
    public const string ProviderFailure = "provider_failure";

    /// <summary>The provider the job was sent to is no longer running (an earlier embedded simulator): submit the job again.</summary>
    public const string ProviderGone = "provider_gone";

    /// <summary>The disk is full: a downloading job waits and tries again by itself; a request (507) stored nothing and charged nothing. Free space, or retry later.</summary>
    public const string StorageFull = "storage_full";

    /// <summary>The output could not be written (not a full disk): the downloading job waits and tries again; the operator should check the data directory.</summary>
    public const string StorageError = "storage_error";

    /// <summary>No result within the job's deadline; the prediction may still finish and be billed at the provider.</summary>
    public const string DeadlineExceeded = "deadline_exceeded";

    /// <summary>The job stopped before submission and its input held a signed URL, which is never stored: submit it again.</summary>
    public const string CannotResume = "cannot_resume";

    /// <summary>An unexpected failure on the server's side (a job that stopped, or a 500 problem): the server log has the details; try again.</summary>
    public const string InternalError = "internal_error";

    // Request problems: the problem's kind, and errors[].code of a request the server cannot take as sent.

    /// <summary>422: the input is invalid; every reason is in <c>errors</c>.</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>402: the estimate is above <c>maxCostUsd</c> or a spend cap; nothing was stored. Raise the limit or change the input.</summary>
    public const string OverBudget = "over_budget";

    /// <summary>429: the owner already has as many jobs waiting to be submitted as one owner may; nothing was stored. Submit again after <c>Retry-After</c>.</summary>
    public const string TooManyQueuedJobs = "too_many_queued_jobs";

    /// <summary>409: the <c>Idempotency-Key</c> was already used with a different request (the message names the key and its job): send that request, or use a new key.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>400: the request is malformed; <c>errors</c> names the field and why.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>400: the body is not valid JSON (the message names the place): fix the syntax.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>400: the request has no body: send the JSON object the route documents.</summary>
    public const string MissingBody = "missing_body";

    /// <summary>400: the body is nested deeper than 64 levels.</summary>
    public const string TooDeep = "too_deep";

    /// <summary>400: a property appears twice in the same object: send it once.</summary>
    public const string DuplicateProperty = "duplicate_property";

    /// <summary>413: the request body or upload is larger than the server takes: send less, or a URL instead of the file.</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>429: the owner already holds as many uploads as one owner may (kept ones and ones still arriving, on every host): use those, or ask the operator to remove old ones.</summary>
    public const string TooManyUploads = "too_many_uploads";

    /// <summary>413: the upload would take the owner's uploads past the bytes one owner may hold: upload less, or give the model an http(s) URL instead.</summary>
    public const string UploadQuotaExceeded = "upload_quota_exceeded";

    /// <summary>408: the upload's body did not arrive within the server's deadline (a body that trickles in is cut off); nothing was kept. Send it again on a faster connection, or give an http(s) URL.</summary>
    public const string UploadTimedOut = "upload_timed_out";

    /// <summary>415: the body's Content-Type is not the route's: send the one the message names.</summary>
    public const string UnsupportedContentType = "unsupported_content_type";

    /// <summary>400: an upload that is not multipart/form-data with a boundary.</summary>
    public const string NotMultipart = "not_multipart";

    /// <summary>400: an upload form without a part named <c>file</c>.</summary>
    public const string MissingFile = "missing_file";

    /// <summary>400: a malformed multipart body.</summary>
    public const string BadMultipart = "bad_multipart";

    /// <summary>404: the caller has no such job (another owner's job looks the same): list your jobs with GET /v1/jobs.</summary>
    public const string JobNotFound = "job_not_found";

    /// <summary>404: the caller has no such webhook delivery: list them with GET /v1/webhooks/deliveries.</summary>
    public const string UnknownDelivery = "unknown_delivery";

    /// <summary>404: the caller has no webhook endpoint: set one with PUT /v1/webhooks/endpoint.</summary>
    public const string NoWebhookEndpoint = "no_webhook_endpoint";

    /// <summary>409: the job has no downloaded output (yet): watch its events until it completes.</summary>
    public const string OutputNotDownloaded = "output_not_downloaded";

    /// <summary>404: no route has that method and path: see /openapi/v1.json.</summary>
    public const string RouteNotFound = "route_not_found";

    /// <summary>405: the route does not take that method: see /openapi/v1.json.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>Another 4xx the framework answered without a body.</summary>
    public const string RequestFailed = "request_failed";

    /// <summary>401: the server needs an API key: send <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>401: a provider webhook whose signature, id or timestamp did not verify.</summary>
    public const string WebhookRejected = "webhook_rejected";

    /// <summary>409 on the provider's webhook: the job its URL names (<c>?job=</c>) is not the job holding the task; nothing was done.</summary>
    public const string WebhookJobMismatch = "webhook_job_mismatch";

    /// <summary>503: the server is still loading its plugin catalog: retry shortly.</summary>
    public const string NotReady = "not_ready";

    /// <summary>503: the job store (database) cannot be reached right now; nothing was changed: retry after <c>Retry-After</c> seconds.</summary>
    public const string StoreUnavailable = "store_unavailable";
}
