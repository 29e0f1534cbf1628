using System.ComponentModel.DataAnnotations;

namespace VideoStudio.Engine.Common;

/// <summary>Checks an options object against its data-annotation attributes (one mechanism for every bound option).</summary>
internal static class OptionsCheck
{
    /// <summary>True when every annotated property is within its declared range.</summary>
    public static bool IsValid(object options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);
}
