using Koperasi.Functions.Access;
using Koperasi.Functions.Cooperatives;

namespace Koperasi.Functions.Web;

/// <summary>What a key may do and for which cooperative: the page shows only the actions of the role.</summary>
public sealed record WebSession(Role Role, string KeyId, Cooperative Cooperative);
