namespace VideoStudio.Contracts;

/// <summary>Stable validation codes. Values never change meaning; new codes may be added.</summary>
public static class ErrorCodes
{
    /// <summary>A required field is missing.</summary>
    public const string Required = "required";

    /// <summary>A field the model does not accept.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>A value outside the field's allowed values.</summary>
    public const string NotAllowed = "not_allowed";

    /// <summary>A value of the wrong JSON type.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A number below the minimum.</summary>
    public const string TooSmall = "too_small";

    /// <summary>A number above the maximum.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A string shorter than allowed.</summary>
    public const string TooShort = "too_short";

    /// <summary>A string longer than allowed.</summary>
    public const string TooLong = "too_long";

    /// <summary>A string that does not match the expected pattern or format.</summary>
    public const string BadFormat = "bad_format";

    /// <summary>A media file or URL that does not exist or cannot be fetched.</summary>
    public const string MediaNotFound = "media_not_found";

    /// <summary>A media file that cannot be read (corrupt, truncated, unsupported container).</summary>
    public const string MediaUnreadable = "media_unreadable";

    /// <summary>A media file of the wrong kind for the field (e.g. audio given for an image).</summary>
    public const string MediaWrongKind = "media_wrong_kind";

    /// <summary>A media file larger than the field allows.</summary>
    public const string MediaTooLarge = "media_too_large";

    /// <summary>Media longer than the field allows.</summary>
    public const string MediaTooLong = "media_too_long";

    /// <summary>Media shorter than the field allows.</summary>
    public const string MediaTooShort = "media_too_short";

    /// <summary>Media whose pixel dimensions are outside the field's limits.</summary>
    public const string MediaBadDimensions = "media_bad_dimensions";

    /// <summary>A cross-field rule declared by the model's plugin.</summary>
    public const string RuleViolation = "rule_violation";
}
