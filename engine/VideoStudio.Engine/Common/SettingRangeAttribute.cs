using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace VideoStudio.Engine.Common;

/// <summary>
/// A setting's allowed range as a DataAnnotations rule (checked at start by <c>ValidateDataAnnotations().ValidateOnStart()</c>),
/// whose message names the setting by its configuration path, the value given and the fix:
/// <c>VideoStudio:Jobs:MaxConcurrentJobs is 0: at least 1.</c> The section is the options class's <c>SectionName</c> constant.
/// An unset nullable setting is valid (null means "none" or "the default").
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute : RangeAttribute
{
    /// <summary>An integer range.</summary>
    public SettingRangeAttribute(int minimum, int maximum, string rule)
        : base(minimum, maximum) => Rule = rule;

    /// <summary>A floating-point range.</summary>
    public SettingRangeAttribute(double minimum, double maximum, string rule)
        : base(minimum, maximum) => Rule = rule;

    /// <summary>A range of <paramref name="type"/> (TimeSpan, long, decimal) given as invariant text.</summary>
    public SettingRangeAttribute(Type type, string minimum, string maximum, string rule)
        : base(type, minimum, maximum)
    {
        Rule = rule;
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }

    /// <summary>What a valid value is, said to the person who set it (e.g. "at least 1").</summary>
    public string Rule { get; }

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null || IsValid(value))
        {
            return ValidationResult.Success;
        }

        string section = validationContext.ObjectType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is string name ? name + ":" : string.Empty;
        string shown = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return new ValidationResult($"{section}{validationContext.MemberName} is {shown}: {Rule}.", validationContext.MemberName is { } member ? [member] : null);
    }
}
