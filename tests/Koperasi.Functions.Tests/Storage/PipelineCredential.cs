using System.Reflection;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>
/// Reads, by reflection, the token credential a client's bearer-token policy will use, so a test can check it
/// without asking a token endpoint (a managed identity credential would call IMDS, which is not loopback).
/// Tied to the pinned Azure.Core, Azure.Storage.Queues, Azure.Data.Tables and Azure.Identity versions: when an
/// upgrade renames a field, these helpers fail with the name of the field to look for.
/// </summary>
internal static class PipelineCredential
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static TokenCredential? Of(QueueClient client) =>
        Of((HttpPipeline)Read(Read(client, typeof(QueueClient), "ClientConfiguration"), "Pipeline"));

    public static TokenCredential? Of(TableServiceClient client) =>
        Of((HttpPipeline)Read(client, typeof(TableServiceClient), "_pipeline"));

    /// <summary>The kind of managed identity id (for example "ClientId") and its value, as the credential will request it.</summary>
    public static (string Kind, string? Id) IdentityOf(ManagedIdentityCredential credential)
    {
        var client = Read(credential, typeof(ManagedIdentityCredential), "Client");
        var member = client.GetType().GetFields(Instance).Cast<MemberInfo>().Concat(client.GetType().GetProperties(Instance))
            .FirstOrDefault(m => (m as FieldInfo)?.FieldType == typeof(ManagedIdentityId) || (m as PropertyInfo)?.PropertyType == typeof(ManagedIdentityId))
            ?? throw new InvalidOperationException($"{client.GetType().FullName} holds no ManagedIdentityId: the Azure.Identity internals changed, update PipelineCredential.");
        var id = Read(client, member.Name);
        return (Read(id, "_idType").ToString()!, (string?)Read(id, typeof(ManagedIdentityId), "_userAssignedId", allowNull: true));
    }

    private static TokenCredential? Of(HttpPipeline pipeline)
    {
        var policies = (ReadOnlyMemory<HttpPipelinePolicy>)Read(pipeline, typeof(HttpPipeline), "_pipeline");
        var bearer = policies.ToArray().OfType<BearerTokenAuthenticationPolicy>().SingleOrDefault();
        if (bearer is null)
        {
            return null;
        }
        var cache = Read(bearer, typeof(BearerTokenAuthenticationPolicy), "_accessTokenCache");
        return (TokenCredential)Read(cache, cache.GetType(), "_credential");
    }

    private static object Read(object target, string member) => Read(target, target.GetType(), member);

    private static object Read(object target, Type type, string member, bool allowNull = false)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetField(member, Instance | BindingFlags.DeclaredOnly) is { } field)
            {
                return Checked(field.GetValue(target), type, member, allowNull);
            }
            if (t.GetProperty(member, Instance | BindingFlags.DeclaredOnly) is { } property)
            {
                return Checked(property.GetValue(target), type, member, allowNull);
            }
        }
        throw new InvalidOperationException($"{type.FullName} has no member '{member}': the Azure SDK internals changed, update PipelineCredential.");
    }

    private static object Checked(object? value, Type type, string member, bool allowNull) =>
        value ?? (allowNull ? null! : throw new InvalidOperationException($"{type.FullName}.{member} is null."));
}
