using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Members;

/// <summary>Members in the <c>members</c> table: partition = cooperative id, row = member number.</summary>
public sealed class MemberStore(StorageAccount storage, TimeProvider time)
{
    // Intake asks "does this member exist?" for every transaction; members are never deleted, so a yes can be remembered.
    private readonly ConcurrentDictionary<(string, string), bool> known = new();

    public async Task<Member?> AddAsync(string cooperativeId, string id, MemberDetails details, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var member = new Member(id, details.Name, details.Email, details.Phone, details.JoinedAt, now, now);
        var table = await storage.TableAsync(StorageNames.MembersTable, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(cooperativeId, member), cancellationToken);
            return member;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<Member?> UpdateAsync(string cooperativeId, string id, MemberDetails details, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.MembersTable, cancellationToken);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(cooperativeId, id, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is null)
        {
            return null;
        }
        var before = ToMember(existing.Value);
        var member = before with { Name = details.Name, Email = details.Email, Phone = details.Phone, JoinedAt = details.JoinedAt ?? before.JoinedAt, UpdatedAt = time.GetUtcNow() };
        await table.UpdateEntityAsync(ToEntity(cooperativeId, member), existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
        return member;
    }

    /// <summary>Marks the member exited (after the exit's posting: the ledger's balances row decides, this record follows it).</summary>
    public async Task MarkExitedAsync(string cooperativeId, string id, DateOnly exitedOn, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.MembersTable, cancellationToken);
        await table.UpdateEntityAsync(new TableEntity(cooperativeId, id)
        {
            ["Status"] = Member.Exited,
            ["ExitedOn"] = exitedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<Member?> FindAsync(string cooperativeId, string id, CancellationToken cancellationToken = default)
    {
        if (!MemberId.IsValid(id))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.MembersTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(cooperativeId, id, cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value is not null ? ToMember(entity.Value) : null;
    }

    public async Task<bool> ExistsAsync(string cooperativeId, string id, CancellationToken cancellationToken = default)
    {
        if (known.ContainsKey((cooperativeId, id)))
        {
            return true;
        }
        var exists = await FindAsync(cooperativeId, id, cancellationToken) is not null;
        if (exists)
        {
            known[(cooperativeId, id)] = true;
        }
        return exists;
    }

    public async Task<ListPage<Member>> ListAsync(string cooperativeId, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.MembersTable, cancellationToken);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == cooperativeId, paging.Limit, cancellationToken: cancellationToken);
        return await TablePages.ReadAsync(query, paging, ToMember);
    }

    public async IAsyncEnumerable<Member> ListAllAsync(string cooperativeId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.MembersTable, cancellationToken);
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == cooperativeId, cancellationToken: cancellationToken))
        {
            yield return ToMember(e);
        }
    }

    private static TableEntity ToEntity(string cooperativeId, Member m) => new(cooperativeId, m.Id)
    {
        ["Name"] = m.Name,
        ["Email"] = m.Email,
        ["Phone"] = m.Phone,
        ["JoinedAt"] = m.JoinedAt,
        ["CreatedAt"] = m.CreatedAt,
        ["UpdatedAt"] = m.UpdatedAt,
        ["Status"] = m.Status,
        ["ExitedOn"] = m.ExitedOn,
    };

    private static Member ToMember(TableEntity e) => new(e.RowKey, e.GetString("Name"), e.GetString("Email"), e.GetString("Phone"),
        e.GetDateTimeOffset("JoinedAt"), e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
    {
        Status = e.GetString("Status") ?? Member.Active,
        ExitedOn = e.GetString("ExitedOn"),
    };
}
