using System.Text.Json;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Cooperatives;

/// <summary>Registers a cooperative and issues its first admin key (shown once).</summary>
public sealed class CooperativeRegistration(CooperativeStore cooperatives, ApiKeyStore keys, TimeProvider time)
{
    public const long MaxAmount = 1_000_000_000_000;

    public async Task<RegisteredCooperative> RegisterAsync(JsonElement body, CancellationToken cancellationToken = default)
    {
        var fields = new JsonFields(body, "name", "timeZone", "simpananPokokAmount", "simpananWajibAmount");
        var name = fields.String("name", required: true, maxLength: 200);
        var timeZone = fields.TimeZone("timeZone", required: false, Cooperative.DefaultTimeZone);
        var pokok = fields.Rupiah("simpananPokokAmount", required: true, min: 0, max: MaxAmount);
        var wajib = fields.Rupiah("simpananWajibAmount", required: true, min: 0, max: MaxAmount);
        fields.ThrowIfInvalid();

        var cooperative = new Cooperative("k" + Ids.NewId(11), name!.Trim(), timeZone!, pokok!.Value, wajib!.Value, time.GetUtcNow());
        await cooperatives.AddAsync(cooperative, cancellationToken);
        var (_, token) = await keys.CreateAsync(cooperative.Id, "first admin key", Role.Admin, cancellationToken);
        return new RegisteredCooperative(cooperative.Id, cooperative.Name, cooperative.TimeZone,
            cooperative.SimpananPokokAmount, cooperative.SimpananWajibAmount, token.ToString());
    }
}
