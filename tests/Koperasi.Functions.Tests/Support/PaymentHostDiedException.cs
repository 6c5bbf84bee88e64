using Koperasi.Functions.Payments;

namespace Koperasi.Functions.Tests.Support;

public sealed class PaymentHostDiedException(PaymentStep step) : Exception($"the host died at {step}");
