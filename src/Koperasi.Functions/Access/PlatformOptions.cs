using System.ComponentModel.DataAnnotations;

namespace Koperasi.Functions.Access;

/// <summary>Settings section <c>Platform</c>: the platform admin key that may create cooperatives.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    [Required, MinLength(16)]
    public string AdminKey { get; set; } = "";
}
