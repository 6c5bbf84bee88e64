using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Tests.Support;

public sealed class HostDiedException(PostingStep step) : Exception($"the host died at {step}");
