using System.Net;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// One row of the bad-input table: a body built for a member that exists (<c>memberId</c>), the answer it must get,
/// and the field its <c>errors</c> must name (null when the whole request is refused).
/// </summary>
public sealed record BadInputCase(Func<string, byte[]> Body, HttpStatusCode Status, string Code, string? Field = null, bool Chunked = false);
