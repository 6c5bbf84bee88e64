using System.Security.Cryptography;
using Koperasi.Functions.Providers;
using Koperasi.Functions.Tests.Support;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Tests.Webhooks;

public sealed class SecretCipherTests
{
    private readonly SecretCipher cipher = new(Options.Create(new ProvidersOptions { SecretsKey = ApiFixture.ProvidersSecretsKey }));

    [Fact]
    public void Encrypt_ThenDecryptWithTheSameContext_GivesTheSecretBack_AndHidesIt()
    {
        var stored = cipher.Encrypt("SB-Mid-server-secret", "coop1|midtrans");

        Assert.DoesNotContain("SB-Mid-server-secret", stored);
        Assert.NotEqual(stored, cipher.Encrypt("SB-Mid-server-secret", "coop1|midtrans"));
        Assert.Equal("SB-Mid-server-secret", cipher.Decrypt(stored, "coop1|midtrans"));
    }

    [Fact]
    public void Decrypt_ForAnotherCooperativesRow_Fails() =>
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(cipher.Encrypt("secret", "coop1|midtrans"), "coop2|midtrans"));

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64")]
    public void IsValidKey_NotThirtyTwoBytesOfBase64_IsFalse(string key) => Assert.False(ProvidersOptions.IsValidKey(key));
}
