using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Statements;

/// <summary>Fails the start with every problem of the Email settings named (for example a SendGrid mode without a key).</summary>
public sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
